import { Category, NeedStatus, ProposalStatus, SponsorshipKind } from '@commonweal/shared';
import type {
  Category as CategoryValue,
  NeedStatus as NeedStatusValue,
  ProposalStatus as ProposalStatusValue,
  SponsorshipKind as SponsorshipKindValue,
} from '../../gql/graphql';

/** The shared enums as the generated string-literal types, in display order. */
export const CATEGORIES: readonly CategoryValue[] = Object.values(Category);
export const PROPOSAL_STATUSES: readonly ProposalStatusValue[] = Object.values(ProposalStatus);
export const NEED_STATUSES: readonly NeedStatusValue[] = Object.values(NeedStatus);
export const SPONSORSHIP_KINDS: readonly SponsorshipKindValue[] = Object.values(SponsorshipKind);

export function isCategory(value: string): value is CategoryValue {
  return (CATEGORIES as readonly string[]).includes(value);
}

export function isProposalStatus(value: string): value is ProposalStatusValue {
  return (PROPOSAL_STATUSES as readonly string[]).includes(value);
}

export function isNeedStatus(value: string): value is NeedStatusValue {
  return (NEED_STATUSES as readonly string[]).includes(value);
}
