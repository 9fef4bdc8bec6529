import { RsvpResponse, VoteChoice } from '@commonweal/shared';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How many answered each way: public.' })
export class MeetingRsvpCounts {
  @Field(() => Int)
  going: number;

  @Field(() => Int)
  maybe: number;

  @Field(() => Int)
  notGoing: number;
}

@ObjectType({ description: 'One answer to a meeting, with who gave it: seen by the fund’s side only.' })
export class MeetingAttendee {
  userId: string;

  @Field(() => RsvpResponse)
  response: RsvpResponse;

  @Field({ description: 'When the answer was last given or changed.' })
  respondedAt: Date;
}

@ObjectType({ description: 'What the viewer may do to this meeting now: the same rules the server enforces.' })
export class MeetingViewerCan {
  @Field({ description: 'Answer or change the answer (participants, until the meeting starts).' })
  rsvp: boolean;

  @Field({ description: 'Cancel it (the fund’s side, while SCHEDULED).' })
  cancel: boolean;

  @Field({ description: 'Publish or correct the minutes (the fund’s side, once it has started, unless cancelled).' })
  publishMinutes: boolean;

  @Field({
    description:
      'Enter votes and feedback collected on paper (the fund’s side, once it has started, unless cancelled).',
  })
  recordAssisted: boolean;

  @Field({ description: 'See who answered and the assisted entries (the fund’s side).' })
  seeAttendees: boolean;
}

@ObjectType({
  description:
    'A vote collected on paper at a meeting and entered by the fund’s side as the resident’s own vote: an assisted entry.',
})
export class AssistedVote {
  meetingId: string;
  proposalId: string;
  residentId: string;
  recordedById: string;

  @Field(() => VoteChoice)
  choice: VoteChoice;

  @Field({ description: 'Always true: marks the vote as entered by the fund’s side from a paper form.' })
  readonly assisted: boolean = true;

  @Field()
  recordedAt: Date;
}
