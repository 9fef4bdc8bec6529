import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { idLoader } from '../shared/loader-utils.js';
import { LedgerEntry } from './ledger-entry.entity.js';

export interface FundTotals {
  balance: bigint;
  raised: bigint;
  disbursed: bigint;
}

export function createLedgerLoaders(ds: DataSource) {
  return {
    byId: idLoader((ids) => ds.getRepository(LedgerEntry).findBy({ id: In(ids) })),
    /** Balance (the last balanceAfter), money in, and money paid out for projects, per fund. */
    fundTotals: new DataLoader<string, FundTotals>(async (fundIds) => {
      const rows: Array<{ fund_id: string; balance: string | null; raised: string; disbursed: string }> =
        await ds.query(
          `SELECT f.id AS fund_id,
                (SELECT e.balance_after_minor FROM ledger_entries e WHERE e.fund_id = f.id ORDER BY e.sequence DESC LIMIT 1) AS balance,
                COALESCE((SELECT sum(amount_minor) FROM ledger_entries e WHERE e.fund_id = f.id AND e.direction = 'IN'), 0) AS raised,
                COALESCE((SELECT sum(amount_minor) FROM ledger_entries e WHERE e.fund_id = f.id AND e.kind = 'DISBURSEMENT'), 0) AS disbursed
           FROM funds f WHERE f.id = ANY($1)`,
          [fundIds],
        );
      const map = new Map(
        rows.map((r) => [
          r.fund_id,
          { balance: BigInt(r.balance ?? 0), raised: BigInt(r.raised), disbursed: BigInt(r.disbursed) },
        ]),
      );
      return fundIds.map((id) => map.get(id) ?? { balance: 0n, raised: 0n, disbursed: 0n });
    }),
    /** Money paid out of the fund for each proposal (DISBURSEMENT entries). */
    spentByProposalId: new DataLoader<string, bigint>(async (proposalIds) => {
      const rows: Array<{ proposal_id: string; spent: string }> = await ds.query(
        `SELECT proposal_id, sum(amount_minor) AS spent FROM ledger_entries
          WHERE proposal_id = ANY($1) AND kind = 'DISBURSEMENT' GROUP BY proposal_id`,
        [proposalIds],
      );
      const map = new Map(rows.map((r) => [r.proposal_id, BigInt(r.spent)]));
      return proposalIds.map((id) => map.get(id) ?? 0n);
    }),
  };
}
