import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProposalStatus, Role } from '@commonweal/shared';
import { errorCode, Factory, seedProposal, startHarness, type Harness } from '../../test-support/harness.js';

const CREATE = `mutation($f: ID!, $u: String!) { createWebhook(fundId: $f, url: $u) { secret webhook { id url active } } }`;
const LOG = `query($f: ID!) { webhooks(fundId: $f) { id url deliveries { title status attempts lastStatusCode lastError deliveredAt } } }`;
const OPEN = `mutation($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { id } }`;
const MAX_ATTEMPTS = 4;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A partner platform: fails the first `failures` requests of each path with 500, then answers 200. */
function receiver(failures: Record<string, number>) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body });
      const seen = received.filter((r) => r.path === path).length;
      res.statusCode = seen <= (failures[path] ?? 0) ? 500 : 200;
      res.end();
    });
  });
  return {
    received,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls until `check` holds (up to 15 s). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

describe('signed outbound webhooks', () => {
  let h: Harness;
  const partner = receiver({ '/flaky': 2, '/down': 1000 });
  let origin: string;

  beforeAll(async () => {
    origin = await partner.start();
    h = await startHarness({
      env: {
        WEBHOOK_POLL_MS: '50',
        WEBHOOK_BACKOFF_MS: '50',
        WEBHOOK_SETTLE_MS: '0',
        WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        PUBLIC_URL: 'https://fund.example.org',
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await partner.stop();
  });

  it('lets only FUND_ADMIN register one, refuses bad addresses, and keeps the secret out of everything but the answer', async () => {
    const f = new Factory(h);
    const { fund } = await f.fund();
    const [admin, gov, resident] = await f.users(Role.FUND_ADMIN, Role.GOVERNMENT, Role.RESIDENT);
    const vars = { f: fund.id, u: `${origin}/any` };
    expect(errorCode(await h.gql(CREATE, vars))).toBe('UNAUTHENTICATED');
    expect(errorCode(await h.gql(CREATE, vars, resident.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(CREATE, vars, gov.token))).toBe('FORBIDDEN');
    for (const u of [
      'not a url',
      'ftp://example.org/x',
      'http://user:pw@example.org/x',
      `https://e.org/${'x'.repeat(2000)}`,
    ]) {
      const res = await h.gql(CREATE, { f: fund.id, u }, admin.token);
      expect([errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'url']);
    }
    expect(errorCode(await h.gql(CREATE, { ...vars, f: '00000000-0000-4000-8000-000000000000' }, admin.token))).toBe(
      'NOT_FOUND',
    );
    expect(await h.db.dataSource.query('SELECT 1 FROM webhooks')).toHaveLength(0);
    const made = await h.gql<any>(CREATE, vars, admin.token);
    expect(made.errors).toBeUndefined();
    const { secret } = made.data.createWebhook;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(
      JSON.stringify(await h.db.dataSource.query(`SELECT before, after FROM audit_log WHERE entity = 'webhooks'`)),
    ).not.toContain(secret);
    expect(errorCode(await h.gql(LOG, { f: fund.id }, gov.token))).toBe('FORBIDDEN');
    await h.db.dataSource.query('DELETE FROM webhooks');
  });

  it('sends each new event signed, retries with backoff until the partner answers, then stops', async () => {
    const f = new Factory(h);
    const { fund } = await f.fund();
    const admin = await f.user(Role.FUND_ADMIN);
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    // Before the webhook: not sent.
    const before = await seedProposal(h, { fundId: fund.id, authorId: admin.user.id, status: ProposalStatus.DRAFT });
    expect((await h.gql(OPEN, { id: before.id, at: inDays(7) }, admin.token)).errors).toBeUndefined();

    const flaky = (await h.gql<any>(CREATE, { f: fund.id, u: `${origin}/flaky` }, admin.token)).data.createWebhook;
    const down = (await h.gql<any>(CREATE, { f: fund.id, u: `${origin}/down` }, admin.token)).data.createWebhook;
    const proposal = await seedProposal(h, { fundId: fund.id, authorId: admin.user.id, status: ProposalStatus.DRAFT });
    expect((await h.gql(OPEN, { id: proposal.id, at: inDays(7) }, admin.token)).errors).toBeUndefined();

    const log = await eventually(
      async () => (await h.gql<any>(LOG, { f: fund.id }, admin.token)).data.webhooks,
      (hooks: any[]) =>
        hooks.length === 2 &&
        hooks[0].deliveries[0]?.status === 'DELIVERED' &&
        hooks[1].deliveries[0]?.status === 'FAILED',
    );
    const [flakyLog, downLog] = [flaky, down].map((w) => log.find((x: any) => x.id === w.webhook.id));
    expect(flakyLog.deliveries).toEqual([
      {
        title: `Open for consultation: ${proposal.title}`,
        status: 'DELIVERED',
        attempts: 3,
        lastStatusCode: 200,
        lastError: null,
        deliveredAt: expect.any(String),
      },
    ]);
    expect(downLog.deliveries).toEqual([
      expect.objectContaining({
        status: 'FAILED',
        attempts: MAX_ATTEMPTS,
        lastStatusCode: 500,
        lastError: 'answered 500',
      }),
    ]);

    // What the partner got: the same signed event each time; nothing more once it answered, nothing after giving up.
    await new Promise((r) => setTimeout(r, 400));
    const got = partner.received.filter((r) => r.path === '/flaky');
    expect(got).toHaveLength(3);
    expect(partner.received.filter((r) => r.path === '/down')).toHaveLength(MAX_ATTEMPTS);
    for (const r of got) {
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['x-commonweal-signature']))!;
      expect(createHmac('sha256', flaky.secret).update(`${t}.${r.body}`).digest('hex')).toBe(v1);
      expect(createHmac('sha256', down.secret).update(`${t}.${r.body}`).digest('hex')).not.toBe(v1);
      expect(JSON.parse(r.body)).toEqual({
        id: expect.stringMatching(/^urn:commonweal:activity:\d+$/),
        seq: expect.any(String),
        fundId: fund.id,
        at: expect.any(String),
        title: `Open for consultation: ${proposal.title}`,
        summary: proposal.summary,
        url: `https://fund.example.org/proposals/${proposal.id}`,
      });
    }
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
  });
});
