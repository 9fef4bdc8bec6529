import { LedgerDirection, LedgerEntryKind } from '@commonweal/shared';
import { LedgerEntry } from './ledger-entry.entity.js';
import { ledgerHash } from './ledger.hash.js';
import { Factory, startHarness, type Harness } from '../../test-support/harness.js';

describe('the ledger', () => {
  let h: Harness;
  let fundId: string;

  beforeAll(async () => {
    h = await startHarness();
    fundId = (await new Factory(h).fund()).fund.id;
  });
  afterAll(() => h.close());

  const post = (direction: LedgerDirection, amountMinor: bigint) =>
    h.db.dataSource.transaction((em) =>
      h.app.services.ledger.post(em, () => {}, {
        fundId,
        kind: direction === LedgerDirection.IN ? LedgerEntryKind.DONATION : LedgerEntryKind.DISBURSEMENT,
        direction,
        amountMinor,
        memo: 'test',
        counterparty: 'someone',
      }),
    );

  it('orders concurrent postings without gaps or lost updates, and chains their hashes', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => post(LedgerDirection.IN, BigInt(100 + i))));
    const rows = await h.db.dataSource
      .getRepository(LedgerEntry)
      .find({ where: { fundId }, order: { sequence: 'ASC' } });
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const sum = rows.reduce((s, r) => s + r.amountMinor, 0n);
    expect(rows.at(-1)!.balanceAfterMinor).toBe(sum);
    let previous: string | null = null;
    let balance = 0n;
    for (const r of rows) {
      balance += r.amountMinor;
      expect(r.balanceAfterMinor).toBe(balance);
      expect(r.previousHash).toBe(previous);
      expect(r.hash).toBe(ledgerHash(r));
      previous = r.hash;
    }
    const api = await h.gql<any>(
      `query($f: ID!) { fund(id: $f) { balance { minorUnits } totalRaised { minorUnits } } }`,
      { f: fundId },
    );
    expect(api.data.fund.balance.minorUnits).toBe(Number(sum));
  });

  it('never lets the balance go below zero', async () => {
    const before = await h.db.dataSource.getRepository(LedgerEntry).countBy({ fundId });
    await expect(post(LedgerDirection.OUT, 10_000_000n)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect(await h.db.dataSource.getRepository(LedgerEntry).countBy({ fundId })).toBe(before);
  });

  it('is append-only in the database itself', async () => {
    await expect(
      h.db.dataSource.query(`UPDATE ledger_entries SET memo = 'edited' WHERE fund_id = $1`, [fundId]),
    ).rejects.toThrow(/append-only/);
    await expect(h.db.dataSource.query(`DELETE FROM ledger_entries WHERE fund_id = $1`, [fundId])).rejects.toThrow(
      /append-only/,
    );
    await expect(h.db.dataSource.query(`TRUNCATE ledger_entries CASCADE`)).rejects.toThrow(/append-only/);
  });

  it('pages newest first by sequence', async () => {
    const Q = `query($f: ID!, $a: String) { ledger(fundId: $f, first: 15, after: $a) { totalCount nodes { sequence } pageInfo { hasNextPage endCursor } } }`;
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await h.gql<any>(Q, { f: fundId, a: after })).data.ledger;
      seen.push(...page.nodes.map((n: { sequence: number }) => n.sequence));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => 40 - i));
  });
});
