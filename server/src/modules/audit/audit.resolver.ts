import { Role } from '@commonweal/shared';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { pageSize } from '../shared/connection.js';
import { assertOptionalId } from '../shared/ids.js';
import { User } from '../users/user.entity.js';
import { AuditEntry, AuditPage } from './audit.type.js';

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
    const nodes = await ctx.services.audit.list(ctx.viewer!, {
      entity: entity ?? null,
      entityId: entityId ?? null,
      actorId: assertOptionalId(actorId ?? null, 'actorId'),
      action: action ?? null,
      from: from ?? null,
      to: to ?? null,
      after: after ?? null,
      first: size + 1,
    });
    const page = nodes.slice(0, size);
    return { nodes: page, hasNextPage: nodes.length > size, endCursor: page.at(-1)?.id ?? null };
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
