import {
  BidStatus,
  CampaignStatus,
  Category,
  DisbursementStatus,
  FeedbackStatus,
  LedgerDirection,
  LedgerEntryKind,
  MembershipStatus,
  NeedStatus,
  NeighborhoodKind,
  OrganizationType,
  PartnershipKind,
  PartnershipStatus,
  ProposalDecision,
  ProposalStatus,
  Role,
  SponsorshipKind,
  SponsorshipStatus,
  VoteChoice,
} from '@commonweal/shared';
import { registerEnumType } from 'type-graphql';

/** Registers the shared enums with TypeGraphQL once, under their contract names. */
export function registerEnums(): void {
  const enums = {
    Role,
    OrganizationType,
    MembershipStatus,
    Category,
    NeighborhoodKind,
    NeedStatus,
    ProposalStatus,
    VoteChoice,
    ProposalDecision,
    SponsorshipKind,
    SponsorshipStatus,
    BidStatus,
    PartnershipKind,
    PartnershipStatus,
    CampaignStatus,
    LedgerEntryKind,
    LedgerDirection,
    DisbursementStatus,
    FeedbackStatus,
  };
  for (const [name, enumObject] of Object.entries(enums)) registerEnumType(enumObject, { name });
}
