import { MeetingKind, MeetingStatus, RsvpResponse } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A symposium or public consultation held in a room: the offline channel.
 * Everything on it is public except who answered (see meetings.policy.ts).
 */
@ObjectType({ description: 'A symposium or public consultation: the offline channel of a fund.' })
@Entity('meetings')
export class Meeting {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  @Field(() => MeetingKind)
  @Column({ type: 'varchar', length: 24 })
  kind: MeetingKind;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field({ description: 'Where it takes place, as free text (an address, a room).' })
  @Column({ type: 'varchar', length: 200 })
  location: string;

  @Field()
  @Column({ name: 'starts_at', type: 'timestamptz', precision: 3 })
  startsAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'ends_at', type: 'timestamptz', precision: 3, nullable: true })
  endsAt: Date | null;

  @Field(() => MeetingStatus)
  @Column({ type: 'varchar', length: 16 })
  status: MeetingStatus;

  @Column({ name: 'created_by', type: 'uuid' })
  createdById: string;

  @Column({ name: 'cancelled_by', type: 'uuid', nullable: true })
  cancelledById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'cancelled_at', type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;

  @Field(() => String, { nullable: true, description: 'The published minutes (set once the meeting is HELD).' })
  @Column({ type: 'text', nullable: true })
  minutes: string | null;

  @Column({ name: 'minutes_by', type: 'uuid', nullable: true })
  minutesById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'minutes_published_at', type: 'timestamptz', precision: 3, nullable: true })
  minutesPublishedAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** One user's answer to one meeting; answering again changes it. */
@Entity('meeting_rsvps')
export class MeetingRsvp {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 12 })
  response: RsvpResponse;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
