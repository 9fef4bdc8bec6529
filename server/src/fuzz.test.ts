import { Role } from '@commonweal/shared';
import { Factory, startHarness, type Harness } from './test-support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
async function raw(body: string, token?: string) {
  const res = await fetch(h.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: res.status, type: res.headers.get('content-type'), text: (await res.text()).slice(0, 600) };
}
it('probe', async () => {
  const f = new Factory(h);
  const { fund } = await f.fund();
  const [res] = await f.users(Role.RESIDENT);
  const q = (query: string, variables: unknown, t?: string) => raw(JSON.stringify({ query, variables }), t);
  console.log(
    await q('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
      e: 'a\u0000b@x.org',
      p: 'password-123',
    }),
  );
  console.log(
    await q('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
      e: 'ab@x.org',
      p: 'pass\u0000word-123',
    }),
  );
  console.log(
    await q(
      'mutation($i: CreateNeedInput!) { createNeed(input: $i) { id } }',
      { i: { fundId: fund.id, title: 'Title \u0000 x', description: 'Description long enough', category: 'OTHER' } },
      res.token,
    ),
  );
  console.log(
    await q(
      'mutation($i: CreateNeedInput!) { createNeed(input: $i) { id } }',
      { i: { fundId: fund.id, title: 'Title \ud800 x', description: 'Description long enough', category: 'OTHER' } },
      res.token,
    ),
  );
  console.log(
    await q(
      'mutation($i: CreateNeedInput!) { createNeed(input: $i) { id } }',
      { i: { fundId: fund.id, title: 'x'.repeat(110000), description: 'Description long enough', category: 'OTHER' } },
      res.token,
    ),
  );
  console.log(await raw('{"query": "mutation { x }"', res.token));
  console.log(await raw('[]', res.token));
  console.log(await raw('"str"', res.token));
  console.log(await raw('{"query": 42}', res.token));
  console.log(await raw('{"query": "{ funds { id } }", "variables": "x"}', res.token));
  console.log(
    await q(
      'mutation($i: CreateNeedInput!) { createNeed(input: $i) { id } }',
      { i: { fundId: 'a\u0000b', title: 'Title', description: 'Description long enough', category: 'OTHER' } },
      res.token,
    ),
  );
  console.log(
    await q(
      'mutation { createNeed(input: {fundId: "\\ud800", title: "x", description: "y", category: OTHER}) { id } }',
      {},
      res.token,
    ),
  );
});
