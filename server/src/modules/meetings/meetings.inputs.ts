import { LIMITS, MeetingKind, VoteChoice } from '@commonweal/shared';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { Length, MaxLength, NotBlank } from '../shared/validation.js';

/** A cancellation reason: shared LIMITS has none for meetings, so it borrows the moderation reason's bounds. */
export const CANCEL_REASON = LIMITS.meetingCancelReason;

@InputType()
export class ScheduleMeetingInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'fundId is not a valid ID' })
  fundId: string;

  @Field(() => ID, { nullable: true, description: 'The proposal discussed; its followers are told.' })
  @IsOptional()
  @IsUUID('all', { message: 'proposalId is not a valid ID' })
  proposalId?: string | null;

  @Field(() => MeetingKind)
  @IsEnum(MeetingKind)
  kind: MeetingKind;

  @Field()
  @Length(LIMITS.meetingTitle.min, LIMITS.meetingTitle.max)
  @NotBlank()
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.meetingDescription.max)
  description?: string | null;

  @Field({ description: 'Where: an address or a room, as free text.' })
  @Length(LIMITS.meetingLocation.min, LIMITS.meetingLocation.max)
  @NotBlank()
  location: string;

  @Field(() => DateTimeResolver, { description: 'Must be in the future.' })
  startsAt: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'After startsAt when given.' })
  @IsOptional()
  endsAt?: Date | null;
}

@InputType({
  description: 'A vote collected on paper at a meeting, entered by the fund’s side for a registered resident.',
})
export class RecordAssistedVoteInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'meetingId is not a valid ID' })
  meetingId: string;

  @Field(() => ID, { description: 'A registered RESIDENT user.' })
  @IsUUID('all', { message: 'residentId is not a valid ID' })
  residentId: string;

  @Field(() => VoteChoice)
  @IsEnum(VoteChoice)
  choice: VoteChoice;
}

@InputType({
  description: 'Feedback collected on paper at a meeting, entered by the fund’s side for a registered resident.',
})
export class RecordAssistedFeedbackInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'meetingId is not a valid ID' })
  meetingId: string;

  @Field(() => ID, { description: 'A registered RESIDENT user.' })
  @IsUUID('all', { message: 'residentId is not a valid ID' })
  residentId: string;

  @Field()
  @Length(LIMITS.feedbackBody.min, LIMITS.feedbackBody.max)
  @NotBlank()
  body: string;
}
