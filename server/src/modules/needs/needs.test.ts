import { Role } from '@commonweal/shared';
import { errorCode, Factory, startHarness, type Harness } from '../../test-support/harness.js';

const CREATE = `mutation($input: CreateNeedInput!) { createNeed(input: $input) { id title status supportCount viewerHasSupported neighborhood { id } author { id } fund { id } } }`;
const SUPPORT = `mutation($id: ID!) { supportNeed(needId: $id) { id supportCount viewerHasSupported } }`;
const LIST = `query($f: ID!, $s: NeedStatus, $first: Int, $after: String) { needs(fundId: $f, status: $s, first: $first, after: $after) { totalCount nodes { id title } pageInfo { hasNextPage endCursor } } }`;

describe('needs', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;
  let neighborhoodId: string;
  let resident: Awaited<ReturnType<Factory['user']>>;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    const made = await f.fund();
    fundId = made.fund.id;
    neighborhoodId = made.neighborhood.id;
    resident = await f.user(Role.RESIDENT, { neighborhoodId });
  });
  afterAll(() => h.close());

  const input = (over: Record<string, unknown> = {}) => ({
    fundId,
    title: 'Broken street lamp',
    description: 'The lamp at the east gate has been out for weeks.',
    category: 'ENVIRONMENT',
    ...over,
  });

  it('lets residents raise needs, defaulting to their own neighborhood', async () => {
    const res = await h.gql<any>(CREATE, { input: input() }, resident.token);
    expect(res.data.createNeed).toMatchObject({
      status: 'OPEN',
      supportCount: 0,
      viewerHasSupported: false,
      neighborhood: { id: neighborhoodId },
      author: { id: resident.user.id },
    });
  });

  it('is for residents only', async () => {
    const ngo = await f.user(Role.SOCIAL_ORGANIZATION);
    expect(errorCode(await h.gql(CREATE, { input: input() }, ngo.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(CREATE, { input: input() }))).toBe('UNAUTHENTICATED');
  });

  it('refuses bad input and writes nothing', async () => {
    const other = await f.fund('Other fund');
    const before = await h.db.dataSource.query('SELECT count(*)::int AS n FROM needs');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: '' }, 'BAD_USER_INPUT'],
      [{ title: '\t \n' }, 'BAD_USER_INPUT'],
      [{ description: 'x'.repeat(5001) }, 'BAD_USER_INPUT'],
      [{ category: 'PARKING' }, 'BAD_USER_INPUT'],
      [{ neighborhoodId: other.neighborhood.id }, 'BAD_USER_INPUT'],
      [{ fundId: '6f1c1f9e-3a52-4c47-9a2a-1d6a2c9f0e11' }, 'NOT_FOUND'],
      [{ fundId: '42' }, 'BAD_USER_INPUT'],
    ];
    for (const [over, code] of cases)
      expect([over, errorCode(await h.gql(CREATE, { input: input(over) }, resident.token))]).toEqual([over, code]);
    expect(await h.db.dataSource.query('SELECT count(*)::int AS n FROM needs')).toEqual(before);
  });

  it('counts each resident’s support once', async () => {
    const need = (await h.gql<any>(CREATE, { input: input() }, resident.token)).data.createNeed;
    const neighbour = await f.user(Role.RESIDENT);
    const first = await h.gql<any>(SUPPORT, { id: need.id }, neighbour.token);
    expect(first.data.supportNeed).toMatchObject({ supportCount: 1, viewerHasSupported: true });
    const again = await h.gql<any>(SUPPORT, { id: need.id }, neighbour.token);
    expect(again.data.supportNeed.supportCount).toBe(1);
    await Promise.all([1, 2, 3].map(() => h.gql(SUPPORT, { id: need.id }, resident.token)));
    const after = await h.gql<any>(`query($id: ID!) { need(id: $id) { supportCount } }`, { id: need.id });
    expect(after.data.need.supportCount).toBe(2);
    expect(errorCode(await h.gql(SUPPORT, { id: '6f1c1f9e-3a52-4c47-9a2a-1d6a2c9f0e11' }, resident.token))).toBe(
      'NOT_FOUND',
    );
  });

  it('lists a fund’s needs newest first, by status, with cursors', async () => {
    const { fund } = await f.fund('Listing fund');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (await h.gql<any>(CREATE, { input: input({ fundId: fund.id, title: `Need number ${i}` }) }, resident.token))
          .data.createNeed.id,
      );
    const page1 = await h.gql<any>(LIST, { f: fund.id, first: 2 });
    expect(page1.data.needs.totalCount).toBe(3);
    expect(page1.data.needs.nodes.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[1]]);
    const page2 = await h.gql<any>(LIST, { f: fund.id, first: 2, after: page1.data.needs.pageInfo.endCursor });
    expect(page2.data.needs.nodes.map((n: { id: string }) => n.id)).toEqual([ids[0]]);
    expect(page2.data.needs.pageInfo.hasNextPage).toBe(false);
    expect((await h.gql<any>(LIST, { f: fund.id, s: 'ADDRESSED' })).data.needs.totalCount).toBe(0);
  });
});
