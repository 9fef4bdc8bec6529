import { BidStatus, DisbursementStatus, Role } from '@commonweal/shared';
import type { Bid } from '../bids/bid.entity.js';
import { isFundSide } from '../proposals/proposals.policy.js';
import { hasRole, type Actor } from '../users/actor.js';
import type { Disbursement } from './disbursement.entity.js';

/** Paid disbursements are public; requests and refusals are for the fund's side. */
export function canSeeDisbursement(actor: Actor | null, d: Disbursement): boolean {
  return d.status === DisbursementStatus.APPROVED || isFundSide(actor);
}

/** The second key: a GOVERNMENT user who did not ask for the payment, while it is pending. */
export function canDecideDisbursement(actor: Actor | null, d: Disbursement): boolean {
  return (
    hasRole(actor, Role.GOVERNMENT) &&
    actor!.user.id !== d.requestedById &&
    d.status === DisbursementStatus.PENDING_APPROVAL
  );
}

/** What is still payable on a proposal: the awarded amount minus what is paid or pending (zero before an award). */
export function remainingToDisburse(bids: readonly Bid[], payments: readonly Disbursement[]): bigint {
  const awarded = bids.find((b) => b.status === BidStatus.AWARDED)?.amountMinor ?? 0n;
  const committed = payments
    .filter((d) => d.status !== DisbursementStatus.REJECTED)
    .reduce((sum, d) => sum + d.amountMinor, 0n);
  return awarded - committed;
}
