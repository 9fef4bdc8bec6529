import { createHash } from 'node:crypto';
import type { LedgerEntry } from './ledger-entry.entity.js';

export type HashedFields = Pick<
  LedgerEntry,
  | 'fundId'
  | 'sequence'
  | 'kind'
  | 'direction'
  | 'amountMinor'
  | 'balanceAfterMinor'
  | 'memo'
  | 'counterparty'
  | 'proposalId'
  | 'occurredAt'
  | 'previousHash'
>;

/**
 * sha-256 (hex) over an entry's fields and the previous entry's hash, in a
 * fixed order: rewriting any published entry breaks every hash after it.
 */
export function ledgerHash(e: HashedFields): string {
  const canonical = JSON.stringify([
    e.fundId,
    e.sequence,
    e.kind,
    e.direction,
    e.amountMinor.toString(),
    e.balanceAfterMinor.toString(),
    e.memo,
    e.counterparty,
    e.proposalId ?? null,
    e.occurredAt.toISOString(),
    e.previousHash ?? null,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
