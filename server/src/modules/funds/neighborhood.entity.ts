import { NeighborhoodKind } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType()
@Entity('neighborhoods')
export class Neighborhood {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Field(() => NeighborhoodKind)
  @Column({ type: 'varchar', length: 8 })
  kind: NeighborhoodKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
