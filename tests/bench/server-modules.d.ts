/**
 * The few modules of the BUILT server the seed uses (server/dist has no type
 * declarations): its ledger hash, so the seeded chain verifies, and its
 * password hashing, so seeded accounts can sign in.
 */
declare module '@commonweal/server/dist/modules/ledger/ledger.hash.js' {
  export function ledgerHash(entry: {
    fundId: string;
    sequence: number;
    kind: string;
    direction: string;
    amountMinor: bigint;
    balanceAfterMinor: bigint;
    memo: string;
    counterparty: string;
    proposalId: string | null;
    occurredAt: Date;
    previousHash: string | null;
  }): string;
}

declare module '@commonweal/server/dist/modules/users/auth.service.js' {
  export function hashPassword(password: string): Promise<string>;
}
