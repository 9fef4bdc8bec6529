import { ProposalStatus, Role } from '@commonweal/shared';
import { Factory, seedProposal, startHarness, type Harness } from '../test-support/harness.js';
import { SQL_COUNT_HEADER, StatementCountingLogger } from './sql-count.js';

const FUNDS = '{ funds { id name } }';
const FEED = '{ proposals(first: 5) { totalCount nodes { id author { id displayName } votes { support } } } }';

async function statementsOf(url: string, query: string): Promise<string | null> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { errors?: unknown };
  expect(body.errors).toBeUndefined();
  return res.headers.get(SQL_COUNT_HEADER);
}

describe('SQL_COUNT_HEADER=true', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      sqlLogger: new StatementCountingLogger(),
      env: { SQL_COUNT_HEADER: 'true', PUBLIC_CACHE_ENTRIES: '0' },
    });
    const f = new Factory(h);
    const { fund } = await f.fund();
    const author = await f.user(Role.RESIDENT);
    await seedProposal(h, { fundId: fund.id, authorId: author.user.id, status: ProposalStatus.CONSULTATION });
  });
  afterAll(() => h.close());

  it("names each request's own statements, even when requests overlap", async () => {
    const funds = await statementsOf(h.url, FUNDS);
    const feed = await statementsOf(h.url, FEED);
    expect(Number(funds)).toBeGreaterThan(0);
    expect(Number(feed)).toBeGreaterThan(Number(funds));
    const overlapping = await Promise.all([
      ...Array.from({ length: 5 }, () => statementsOf(h.url, FEED)),
      ...Array.from({ length: 5 }, () => statementsOf(h.url, FUNDS)),
    ]);
    expect(overlapping).toEqual([...Array(5).fill(feed), ...Array(5).fill(funds)]);
  });
});

describe('without SQL_COUNT_HEADER', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sqlLogger: new StatementCountingLogger() });
  });
  afterAll(() => h.close());

  it('sends no header', async () => {
    expect(await statementsOf(h.url, FUNDS)).toBeNull();
  });
});
