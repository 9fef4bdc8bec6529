import { LIMITS, Role } from '@commonweal/shared';
import { JSONObjectResolver } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { hasRole } from '../users/actor.js';
import { badInput } from '../../graphql/errors.js';
import { pageSize } from '../shared/connection.js';
import { assertOptionalId } from '../shared/ids.js';
import { User } from '../users/user.entity.js';

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

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  request_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const ACTIONS = ['insert', 'update', 'delete'];

/**
 * The audit trail shows whole rows as they were, which cannot follow
 * visibility that depends on later state. So GOVERNMENT's view leaves out the
 * tables only FUND_ADMIN (with authors and members) may read in full —
 * accounts and memberships (who applied where), comments (hidden ones) and
 * their reports and moderation — and every entry about a proposal that is
 * still a draft.
 */
const FUND_ADMIN_ONLY = ['users', 'memberships', 'comments', 'comment_reports', 'comment_moderations']
  .map((t) => `'${t}'`)
  .join(', ');

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Query(() => AuditPage, { description: 'The audit trail, newest first: GOVERNMENT and FUND_ADMIN.' })
  async auditLog(
    @Ctx() ctx: Context,
    @Arg('entity', () => String, { nullable: true }) entity: string | null,
    @Arg('entityId', () => String, { nullable: true }) entityId: string | null,
    @Arg('actorId', () => ID, { nullable: true }) actorId: string | null,
    @Arg('action', () => String, { nullable: true }) action: string | null,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<AuditPage> {
    const size = pageSize(first, 50);
    // Variables declared but not sent arrive as undefined.
    [entity, entityId, actorId, action, from, to, after] = [entity, entityId, actorId, action, from, to, after].map(
      (v) => v ?? null,
    ) as [string | null, string | null, string | null, string | null, Date | null, Date | null, string | null];
    if (entity !== null && !/^[a-z_]{1,40}$/.test(entity))
      badInputFor('entity', 'entity is a table name, e.g. proposals');
    if (action !== null && !ACTIONS.includes(action)) badInputFor('action', 'action must be insert, update or delete');
    if (entityId !== null && entityId.length > LIMITS.searchText.max) badInputFor('entityId', 'entityId is too long');
    if (after !== null && !/^\d{1,18}$/.test(after)) badInputFor('after', 'Malformed cursor');
    // GOVERNMENT does not see what only FUND_ADMIN (and authors, members) may read elsewhere.
    const admin = hasRole(ctx.viewer, Role.FUND_ADMIN);
    const rows: AuditRow[] = await ctx.dataSource.query(
      `SELECT id::text, at, actor_id, actor_role, request_id, action, entity, entity_id, before, after
         FROM audit_log
        WHERE ($1::text IS NULL OR entity = $1)
          AND ($2::text IS NULL OR entity_id = $2)
          AND ($3::uuid IS NULL OR actor_id = $3)
          AND ($4::text IS NULL OR action = $4)
          AND ($5::timestamptz IS NULL OR at >= $5)
          AND ($6::timestamptz IS NULL OR at < $6)
          AND ($7::bigint IS NULL OR id < $7)
          AND ($9 OR (entity NOT IN (${FUND_ADMIN_ONLY}) AND NOT EXISTS (
                SELECT 1 FROM proposals p WHERE p.status = 'DRAFT'
                   AND p.id::text IN (audit_log.entity_id, audit_log.after->>'proposal_id', audit_log.before->>'proposal_id'))))
        ORDER BY audit_log.id DESC -- the number, not the text selected as id
        LIMIT $8`,
      [entity, entityId, assertOptionalId(actorId, 'actorId'), action, from, to, after, size + 1, admin],
    );
    const nodes = rows.slice(0, size).map((r): AuditEntry => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorRole: r.actor_role,
      requestId: r.request_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
    }));
    return { nodes, hasNextPage: rows.length > size, endCursor: nodes.at(-1)?.id ?? null };
  }

  @FieldResolver(() => User, { nullable: true })
  actor(@Root() entry: AuditEntry, @Ctx() ctx: Context): Promise<User | null> | null {
    return entry.actorId ? ctx.loaders.users.byId.load(entry.actorId) : null;
  }

  @FieldResolver(() => [String], { description: 'The columns an update changed.' })
  changedFields(@Root() entry: AuditEntry): string[] {
    if (!entry.before || !entry.after) return [];
    const { before, after } = entry;
    return Object.keys(after).filter(
      (k) => k !== 'updated_at' && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
  }
}

function badInputFor(field: string, message: string): never {
  throw badInput(field, message);
}
