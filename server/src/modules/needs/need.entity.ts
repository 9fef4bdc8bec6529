import { Category, NeedStatus } from '@commonweal/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@ObjectType()
@Entity('needs')
export class Need {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'neighborhood_id', type: 'uuid', nullable: true })
  neighborhoodId: string | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field(() => Category)
  @Column({ type: 'varchar', length: 32 })
  category: Category;

  @Field(() => NeedStatus)
  @Column({ type: 'varchar', length: 16 })
  status: NeedStatus;

  @Field(() => Int)
  @Column({ name: 'support_count', type: 'int', default: 0 })
  supportCount: number;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One resident's support of one need; the primary key makes supporting idempotent. */
@Entity('need_supports')
export class NeedSupport {
  @PrimaryColumn({ name: 'need_id', type: 'uuid' })
  needId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
