import { Role } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A person with an account. Only the @Field members are public; email and
 * password hash never leave the server.
 */
@ObjectType()
@Entity('users')
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** Never read unless asked for (sign-in selects it): a list of authors has no business holding hashes. */
  @Column({ name: 'password_hash', type: 'varchar', select: false })
  passwordHash: string;

  @Field()
  @Column({ name: 'display_name', type: 'varchar', length: 60 })
  displayName: string;

  @Field(() => Role)
  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ name: 'neighborhood_id', type: 'uuid', nullable: true })
  neighborhoodId: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
