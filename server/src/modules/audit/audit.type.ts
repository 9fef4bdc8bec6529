import { JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One recorded change: who (and in which role and request) changed what, before and after.' })
export class AuditEntry {
  @Field(() => ID)
  id: string;

  @Field()
  at: Date;

  actorId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The actor’s effective role at the time; null for system changes.',
  })
  actorRole: string | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field({ description: 'insert, update or delete.' })
  action: string;

  @Field({ description: 'The table, e.g. proposals, bids, feedback.' })
  entity: string;

  @Field()
  entityId: string;

  @Field(() => JSONObjectResolver, { nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => JSONObjectResolver, { nullable: true })
  after: Record<string, unknown> | null;
}

@ObjectType()
export class AuditPage {
  @Field(() => [AuditEntry])
  nodes: AuditEntry[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page.' })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}
