import { Role } from '@commonweal/shared';
import { Factory, startHarness, subscribe, type Harness } from './test-support/harness.js';

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const codeOf = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => r.errors?.[0]?.extensions?.code ?? 'OK';

describe('rate limits', () => {
  let h: Harness;
  let f: Factory;

  beforeAll(async () => {
    h = await startHarness({
      env: {
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
        LOGIN_LOCKOUT_SECONDS: '2',
        LOGIN_MAX_FAILURES_PER_IP: '8',
        DONATIONS_PER_IP_PER_HOUR: '3',
      },
    });
    f = new Factory(h);
  });
  afterAll(() => h.close());

  const resetAddress = () => h.db.dataSource.query(`DELETE FROM rate_limits WHERE key LIKE 'login-fail-ip:%'`);

  it('locks an account after repeated failures, even for the right password, with doubling backoff', async () => {
    const u = await f.user(Role.RESIDENT);
    const attempt = (password: string) => h.gql(LOGIN, { email: u.email, password });
    for (let i = 0; i < 3; i++) expect(codeOf(await attempt('wrong-password'))).toBe('UNAUTHENTICATED');
    const locked = await attempt(u.password);
    expect(codeOf(locked)).toBe('RATE_LIMITED');
    expect(locked.errors![0]!.message).toMatch(/try again in [12] s/);

    await new Promise((r) => setTimeout(r, 2100));
    expect(codeOf(await attempt(u.password))).toBe('OK'); // unlocked, and the failures are cleared

    // Locked a second time today: twice as long.
    for (let i = 0; i < 3; i++) await attempt('wrong-password');
    const again = await attempt(u.password);
    expect(again.errors![0]!.message).toMatch(/try again in [34] s/);
    await resetAddress();
  });

  it('limits failed sign-ins per address across accounts', async () => {
    await resetAddress();
    const users = await Promise.all([0, 1, 2, 3].map(() => f.user(Role.RESIDENT)));
    const codes: string[] = [];
    for (const u of users) {
      for (let i = 0; i < 2; i++) codes.push(codeOf(await h.gql(LOGIN, { email: u.email, password: 'nope-nope' })));
    }
    expect(codes).toEqual(Array(8).fill('UNAUTHENTICATED'));
    const fresh = await f.user(Role.RESIDENT);
    expect(codeOf(await h.gql(LOGIN, { email: fresh.email, password: fresh.password }))).toBe('RATE_LIMITED');
    await resetAddress();
  });

  it('refuses mutations over WebSocket, where the HTTP limits would not apply', async () => {
    const u = await f.user(Role.RESIDENT);
    const event = await subscribe<any>(h.ws(u.token), `mutation { markAllNotificationsRead }`, {}).next();
    expect(event.errors?.[0]?.message).toMatch(/over HTTP/);
  });

  it('limits donations per address', async () => {
    const admin = await f.user(Role.FUND_ADMIN);
    const fundId = (await f.fund()).fund.id;
    const campaign = await h.gql<any>(
      `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
      {
        input: {
          fundId,
          title: 'Warm winter',
          description: 'Blankets for elders living alone',
          goalMinor: 1_000_000,
          endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
      admin.token,
    );
    const campaignId = campaign.data!.createCampaign.id;
    const donate = (i: number) =>
      h.gql(`mutation($input: DonateInput!) { donate(input: $input) { id } }`, {
        input: { campaignId, amountMinor: 1000, displayName: 'A neighbour', idempotencyKey: `rate-limit-${i}-key` },
      });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(codeOf(await donate(i)));
    expect(codes).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
    const [row] = await h.db.dataSource.query('SELECT count(*)::int AS n FROM donations WHERE campaign_id = $1', [
      campaignId,
    ]);
    expect(row.n).toBe(3);
  });

  describe('mutations', () => {
    let small: Harness;
    beforeAll(async () => {
      small = await startHarness({ env: { MUTATIONS_PER_MINUTE: '6' } });
    });
    afterAll(() => small.close());

    it('are limited per user, and per address for anonymous callers, but queries are not', async () => {
      const sf = new Factory(small);
      const [busy, calm] = await sf.users(Role.RESIDENT, Role.RESIDENT);
      const fundId = (await sf.fund()).fund.id;
      const mutation = `mutation { markAllNotificationsRead }`;
      const results = await Promise.all(Array.from({ length: 8 }, () => small.gql(mutation, {}, busy.token)));
      expect(results.map(codeOf).sort()).toEqual([...Array(6).fill('OK'), 'RATE_LIMITED', 'RATE_LIMITED']);
      expect(codeOf(await small.gql(mutation, {}, calm.token))).toBe('OK');
      const query = await small.gql(`query($id: ID!) { fund(id: $id) { id } }`, { id: fundId }, busy.token);
      expect(codeOf(query)).toBe('OK');
      const anonymous = [];
      for (let i = 0; i < 7; i++)
        anonymous.push(codeOf(await small.gql(LOGIN, { email: `nobody${i}@test.example`, password: 'pw' })));
      expect(anonymous).toEqual([...Array(6).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    });
  });
});
