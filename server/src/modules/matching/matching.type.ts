import { MatchReasonKind } from '@commonweal/shared';
import { Field, Int, ObjectType } from 'type-graphql';
import { Need } from '../needs/need.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';

@ObjectType({ description: 'One reason an organization fits: what it adds to the score, and why in words.' })
export class MatchReason {
  @Field(() => MatchReasonKind)
  kind: MatchReasonKind;

  @Field(() => Int)
  points: number;

  @Field()
  detail: string;
}

@ObjectType({ description: 'An organization ranked for a need or a proposal.' })
export class OrganizationMatch {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => Int, { description: 'The sum of the reasons’ points; higher fits better.' })
  score: number;

  @Field(() => [MatchReason])
  reasons: MatchReason[];
}

@ObjectType({ description: 'An open need or proposal ranked for an organization.' })
export class Opportunity {
  @Field(() => Need, { nullable: true })
  need: Need | null;

  @Field(() => Proposal, { nullable: true })
  proposal: Proposal | null;

  @Field(() => Int)
  score: number;

  @Field(() => [MatchReason])
  reasons: MatchReason[];
}

@ObjectType({ description: 'What the platform’s own records say about an organization.' })
export class TrackRecord {
  @Field(() => Int, { description: 'Proposals it was awarded that are COMPLETED.' })
  projectsCompleted: number;

  @Field(() => Int, { description: 'Proposals it was awarded that are IN_PROGRESS.' })
  projectsInProgress: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Share (percent, rounded down) of complete 30-day periods of its awarded projects with at least one progress report; null before the first such period.',
  })
  progressReportedPercent: number | null;

  @Field(() => Int, { description: 'Its sponsorships that were FULFILLED.' })
  sponsorshipsFulfilled: number;
}
