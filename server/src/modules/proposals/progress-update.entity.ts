import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A delivery report on a proposal in progress, by the awarded organization or the fund. */
@ObjectType()
@Entity('progress_updates')
export class ProgressUpdate {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Field(() => Int)
  @Column({ name: 'percent_complete', type: 'int' })
  percentComplete: number;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
