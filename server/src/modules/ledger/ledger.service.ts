import { ErrorCode, LedgerDirection, type Category, type LedgerEntryKind } from '@commonweal/shared';
import { MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { AppError, badInput, notFound } from '../../graphql/errors.js';
import { Topic, type DomainEvent } from '../../graphql/pubsub.js';
import { Fund } from '../funds/fund.entity.js';
import { money } from '../shared/money.type.js';
import type { FundReport } from './ledger.type.js';
import { toConnection, type Connection } from '../shared/connection.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import { ledgerHash } from './ledger.hash.js';

export interface Posting {
  fundId: string;
  kind: LedgerEntryKind;
  direction: LedgerDirection;
  amountMinor: bigint;
  memo: string;
  counterparty: string;
  proposalId?: string | null;
  recordedById?: string | null;
  occurredAt?: Date;
}

/** Ledger cursors are positions in the fund's sequence. */
const encodeSequence = (e: LedgerEntry): string => Buffer.from(`seq:${e.sequence}`, 'utf8').toString('base64url');

function decodeSequence(after: string | null): number | null {
  if (after === null) return null;
  const match = /^seq:(\d{1,10})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match) throw badInput('after', 'Malformed cursor');
  return Number(match[1]);
}

/**
 * The only writer of the ledger. A posting runs inside the caller's
 * transaction: it locks the fund's row, so postings to one fund are totally
 * ordered and never interleave, computes the balance after it (never below
 * zero: INSUFFICIENT_FUNDS), chains the hash, and announces the entry after
 * the caller's commit.
 */
export interface Verification {
  valid: boolean;
  entriesChecked: number;
  firstBrokenSequence: number | null;
  problem: string | null;
}

const VERIFY_BATCH = 1000;

export class LedgerService {
  constructor(private readonly dataSource: DataSource) {}

  async post(em: EntityManager, emit: (event: DomainEvent) => void, posting: Posting): Promise<LedgerEntry> {
    const locked = await em.findOne(Fund, { where: { id: posting.fundId }, lock: { mode: 'pessimistic_write' } });
    if (!locked) throw notFound('Fund');
    if (posting.amountMinor <= 0n) throw badInput('amountMinor', 'A posting moves a positive amount');
    const last = await em.findOne(LedgerEntry, { where: { fundId: posting.fundId }, order: { sequence: 'DESC' } });
    const before = last?.balanceAfterMinor ?? 0n;
    const balanceAfterMinor =
      posting.direction === LedgerDirection.IN ? before + posting.amountMinor : before - posting.amountMinor;
    if (balanceAfterMinor < 0n) {
      throw new AppError(ErrorCode.INSUFFICIENT_FUNDS, 'The fund does not hold enough money for this payment');
    }
    const fields = {
      fundId: posting.fundId,
      sequence: (last?.sequence ?? 0) + 1,
      kind: posting.kind,
      direction: posting.direction,
      amountMinor: posting.amountMinor,
      balanceAfterMinor,
      memo: posting.memo,
      counterparty: posting.counterparty,
      proposalId: posting.proposalId ?? null,
      // Millisecond precision, as stored, so the hash can be recomputed from the row.
      occurredAt: new Date((posting.occurredAt ?? new Date()).getTime()),
      previousHash: last?.hash ?? null,
    };
    const entry = await em.save(
      em.create(LedgerEntry, { ...fields, recordedById: posting.recordedById ?? null, hash: ledgerHash(fields) }),
    );
    emit({ topic: Topic.LedgerEntryPosted, payload: { fundId: entry.fundId, entryId: entry.id } });
    return entry;
  }

  /** Newest first. */
  async list(fundId: string, first: number, after: string | null): Promise<Connection<LedgerEntry>> {
    const before = decodeSequence(after);
    const repo = this.dataSource.getRepository(LedgerEntry);
    const page = repo
      .createQueryBuilder('e')
      .where('e.fund_id = :fundId', { fundId })
      .orderBy('e.sequence', 'DESC')
      .limit(first + 1);
    if (before !== null) page.andWhere('e.sequence < :before', { before });
    const [rows, total] = await Promise.all([page.getMany(), repo.countBy({ fundId })]);
    return toConnection(rows, first, total, encodeSequence);
  }

  /**
   * Money in and out of a fund over [from, to), and by the category of the
   * proposal it was for (entries without a proposal count in the totals only).
   */
  async report(fund: Fund, from: Date | null, to: Date | null): Promise<FundReport> {
    if (from && to && to <= from) throw badInput('to', 'to must be after from');
    const range = `($2::timestamptz IS NULL OR e.occurred_at >= $2) AND ($3::timestamptz IS NULL OR e.occurred_at < $3)`;
    const params = [fund.id, from, to];
    const [totals]: Array<{ total_in: string; total_out: string }> = await this.dataSource.query(
      `SELECT COALESCE(sum(amount_minor) FILTER (WHERE direction = 'IN'), 0) AS total_in,
              COALESCE(sum(amount_minor) FILTER (WHERE direction = 'OUT'), 0) AS total_out
         FROM ledger_entries e WHERE e.fund_id = $1 AND ${range}`,
      params,
    );
    const byCategory: Array<{ category: Category; raised: string; spent: string }> = await this.dataSource.query(
      `SELECT p.category,
              COALESCE(sum(e.amount_minor) FILTER (WHERE e.direction = 'IN'), 0) AS raised,
              COALESCE(sum(e.amount_minor) FILTER (WHERE e.kind = 'DISBURSEMENT'), 0) AS spent
         FROM ledger_entries e JOIN proposals p ON p.id = e.proposal_id
        WHERE e.fund_id = $1 AND ${range}
        GROUP BY p.category ORDER BY p.category`,
      params,
    );
    const byProposal: Array<{ proposal_id: string; budget: string; raised: string; spent: string }> =
      await this.dataSource.query(
        `SELECT p.id AS proposal_id, p.budget_minor AS budget,
              COALESCE(sum(e.amount_minor) FILTER (WHERE e.direction = 'IN'), 0) AS raised,
              COALESCE(sum(e.amount_minor) FILTER (WHERE e.kind = 'DISBURSEMENT'), 0) AS spent
         FROM ledger_entries e JOIN proposals p ON p.id = e.proposal_id
        WHERE e.fund_id = $1 AND ${range}
        GROUP BY p.id ORDER BY min(e.sequence)`,
        params,
      );
    const bySource: Array<{ source: string; kind: LedgerEntryKind; amount: string }> = await this.dataSource.query(
      `SELECT CASE WHEN e.kind = 'DONATION' THEN 'Donations' ELSE e.counterparty END AS source, e.kind,
              sum(e.amount_minor) AS amount
         FROM ledger_entries e
        WHERE e.fund_id = $1 AND e.direction = 'IN' AND ${range}
        GROUP BY 1, 2 ORDER BY sum(e.amount_minor) DESC, 1`,
      params,
    );
    const monthly: Array<{ month: string; total_in: string; total_out: string }> = await this.dataSource.query(
      `SELECT to_char(date_trunc('month', e.occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
              COALESCE(sum(e.amount_minor) FILTER (WHERE e.direction = 'IN'), 0) AS total_in,
              COALESCE(sum(e.amount_minor) FILTER (WHERE e.direction = 'OUT'), 0) AS total_out
         FROM ledger_entries e WHERE e.fund_id = $1 AND ${range}
        GROUP BY 1 ORDER BY 1`,
      params,
    );
    const m = (v: string | bigint) => money(BigInt(v), fund.currency);
    return {
      fund,
      from,
      to,
      totalIn: m(totals?.total_in ?? 0n),
      totalOut: m(totals?.total_out ?? 0n),
      byCategory: byCategory.map((r) => ({ category: r.category, raised: m(r.raised), spent: m(r.spent) })),
      byProposal: byProposal.map((r) => ({
        proposalId: r.proposal_id,
        budget: m(r.budget),
        raised: m(r.raised),
        spent: m(r.spent),
      })),
      bySource: bySource.map((r) => ({ source: r.source, kind: r.kind, amount: m(r.amount) })),
      monthly: monthly.map((r) => ({ month: r.month, totalIn: m(r.total_in), totalOut: m(r.total_out) })),
    };
  }

  /**
   * Re-walks a fund's ledger from the first entry: sequences without gaps,
   * each previousHash equal to the hash before it, each hash recomputed from
   * the row, and each balance equal to the previous one plus or minus the
   * amount. Reports the first entry where any of that fails.
   */
  async verify(fundId: string): Promise<Verification> {
    let expected = { sequence: 1, hash: null as string | null, balance: 0n };
    let checked = 0;
    const broken = (sequence: number, problem: string): Verification => ({
      valid: false,
      entriesChecked: checked,
      firstBrokenSequence: sequence,
      problem,
    });
    for (;;) {
      const batch = await this.dataSource.getRepository(LedgerEntry).find({
        where: { fundId, sequence: MoreThan(expected.sequence - 1) },
        order: { sequence: 'ASC' },
        take: VERIFY_BATCH,
      });
      for (const e of batch) {
        if (e.sequence !== expected.sequence) return broken(expected.sequence, `entry ${expected.sequence} is missing`);
        if (e.previousHash !== expected.hash) return broken(e.sequence, 'previousHash does not match the entry before');
        const balance =
          e.direction === LedgerDirection.IN ? expected.balance + e.amountMinor : expected.balance - e.amountMinor;
        if (e.balanceAfterMinor !== balance)
          return broken(e.sequence, 'balanceAfter does not follow from the entry before');
        if (e.hash !== ledgerHash(e)) return broken(e.sequence, 'the entry was changed after it was recorded');
        expected = { sequence: e.sequence + 1, hash: e.hash, balance };
        checked += 1;
      }
      if (batch.length < VERIFY_BATCH)
        return { valid: true, entriesChecked: checked, firstBrokenSequence: null, problem: null };
    }
  }
}
