import { Writable } from 'node:stream';
import { Role } from '@commonweal/shared';
import { createLogger } from '../logger.js';
import { Factory, startHarness, subscribe, type Harness } from '../test-support/harness.js';

/** The value of one sample in Prometheus text format, 0 when absent. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('operations', () => {
  let h: Harness;
  let f: Factory;
  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
  });
  afterAll(() => h.close());

  const scrape = async () => {
    const res = await fetch(h.url.replace('/graphql', '/metrics'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    return res.text();
  };

  it('exposes Prometheus metrics: requests, errors by code, sockets and subscriptions', async () => {
    const before = await scrape();
    await h.gql('{ funds { id } }');
    await h.gql('mutation { markAllNotificationsRead }');
    const fundId = (await f.fund()).fund.id;
    const resident = await f.user(Role.RESIDENT);
    const events = subscribe<any>(
      h.ws(resident.token),
      `subscription($id: ID!) { ledgerEntryPosted(fundId: $id) { id } }`,
      {
        id: fundId,
      },
    );
    await new Promise((r) => setTimeout(r, 200));
    const after = await scrape();
    const q = 'type="query",outcome="ok"';
    expect(sample(after, 'commonweal_graphql_requests_total', q)).toBe(
      sample(before, 'commonweal_graphql_requests_total', q) + 1,
    );
    const m = 'type="mutation",outcome="error"';
    expect(sample(after, 'commonweal_graphql_requests_total', m)).toBe(
      sample(before, 'commonweal_graphql_requests_total', m) + 1,
    );
    const u = 'code="UNAUTHENTICATED"';
    expect(sample(after, 'commonweal_graphql_errors_total', u)).toBe(
      sample(before, 'commonweal_graphql_errors_total', u) + 1,
    );
    expect(sample(after, 'commonweal_websocket_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'commonweal_active_subscriptions')).toBe(1);
    expect(after).toMatch(/commonweal_graphql_request_duration_seconds_bucket/);
    expect(after).toMatch(/commonweal_process_cpu_seconds_total/);
    events.dispose();
  });

  it('never logs secrets or GraphQL variables', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        req: { headers: { authorization: 'Bearer secret-token-123' } },
        variables: { password: 'hunter2-hunter2' },
        input: { password: 'p4ssw0rd-p4ssw0rd', token: 'tok-tok-tok' },
        requestId: 'r-1',
      },
      'graphql request',
    );
    expect(out).toMatch(/"requestId":"r-1"/);
    expect(out).not.toMatch(/secret-token-123|hunter2|p4ssw0rd|tok-tok-tok/);
  });
});
