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

  it('exports the ledger as CSV, oldest first, with exact amounts', async () => {
    const res = await fetch(h.url.replace('/graphql', `/api/funds/${fundId}/ledger.csv`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^sequence,occurred_at,kind,direction,amount,balance_after/);
    expect(lines).toHaveLength(41);
    expect(lines[1]).toMatch(/^1,[^,]+,DONATION,IN,\d+\.\d\d,/);
    expect((await fetch(h.url.replace('/graphql', '/api/funds/nope/ledger.csv'))).status).toBe(400);
    expect(
      (await fetch(h.url.replace('/graphql', '/api/funds/6f1c1f9e-3a52-4c47-9a2a-1d6a2c9f0e11/ledger.csv'))).status,
    ).toBe(404);
    const report = await fetch(h.url.replace('/graphql', `/api/funds/${fundId}/report.csv?from=2000-01-01T00:00:00Z`));
    expect((await report.text()).split('\n')[1]).toMatch(/^total,/);
    expect((await fetch(h.url.replace('/graphql', `/api/funds/${fundId}/report.csv?from=yesterday`))).status).toBe(400);
  });

  it('names the first entry that was edited behind its back (verifyLedger)', async () => {
    const Q = `query($f: ID!) { verifyLedger(fundId: $f) { valid entriesChecked firstBrokenSequence problem } }`;
    expect((await h.gql<any>(Q, { f: fundId })).data.verifyLedger).toEqual({
      valid: true,
      entriesChecked: 40,
      firstBrokenSequence: null,
      problem: null,
    });
    // Only a database owner can do this, by switching the append-only trigger off.
    await h.db.dataSource.query('ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_no_update_or_delete');
    await h.db.dataSource.query(
      `UPDATE ledger_entries SET counterparty = 'someone else' WHERE fund_id = $1 AND sequence = 17`,
      [fundId],
    );
    await h.db.dataSource.query('ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_no_update_or_delete');
    expect((await h.gql<any>(Q, { f: fundId })).data.verifyLedger).toEqual({
      valid: false,
      entriesChecked: 16,
      firstBrokenSequence: 17,
      problem: 'the entry was changed after it was recorded',
    });
  });
});
