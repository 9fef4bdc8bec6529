/**
 * The payment step of a donation. Commonweal records payments; it does not
 * charge cards or wallets. A real provider (a bank, a payment platform)
 * implements this interface and is passed to the campaigns service instead.
 */
export interface PaymentGateway {
  /** Takes the money; returns the provider's reference. Must be idempotent on `idempotencyKey`. */
  collect(payment: { amountMinor: bigint; currency: string; idempotencyKey: string; description: string }): Promise<{
    reference: string;
  }>;
}

/** The default: the payment is recorded as received, nothing is charged. */
export const recordOnlyGateway: PaymentGateway = {
  collect: async ({ idempotencyKey }) => ({ reference: `recorded:${idempotencyKey}` }),
};
