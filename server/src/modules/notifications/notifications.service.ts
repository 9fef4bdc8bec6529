import { LIMITS } from '@commonweal/shared';
import type { DataSource } from 'typeorm';
import { badInput } from '../../graphql/errors.js';
import { decodeCursor, toConnection, type Connection } from '../shared/connection.js';
import type { Actor } from '../users/actor.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { follow } from './notify.js';
import { Notification, ProposalFollow } from './notification.entity.js';

/** A user's inbox and the proposals they follow. Notifications are written by the features that cause them (notify.ts). */
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
  ) {}

  async inbox(
    actor: Actor,
    first: number,
    after: string | null,
    unreadOnly: boolean,
  ): Promise<Connection<Notification>> {
    const cursor = decodeCursor(after);
    const base = () => {
      const qb = this.dataSource
        .getRepository(Notification)
        .createQueryBuilder('n')
        .where('n.user_id = :userId', { userId: actor.user.id });
      if (unreadOnly) qb.andWhere('n.read_at IS NULL');
      return qb;
    };
    const page = base()
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(first + 1);
    if (cursor) page.andWhere('(n.created_at, n.id) < (:c_at, :c_id)', { c_at: cursor.createdAt, c_id: cursor.id });
    const [rows, total] = await Promise.all([page.getMany(), base().getCount()]);
    return toConnection(rows, first, total);
  }

  async unreadCount(actor: Actor): Promise<number> {
    const [row] = await this.dataSource.query(
      'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [actor.user.id],
    );
    return row.n;
  }

  /** Marks the actor's own notifications read; others' ids are ignored. Returns how many changed. */
  async markRead(actor: Actor, ids: readonly string[] | null): Promise<number> {
    if (ids !== null && ids.length > LIMITS.notificationIds.max) {
      throw badInput('ids', `At most ${LIMITS.notificationIds.max} notifications at a time`);
    }
    const [, changed] = await this.dataSource.query(
      `UPDATE notifications SET read_at = clock_timestamp()
        WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
      [actor.user.id, ids],
    );
    return changed;
  }

  /** Follows a proposal the actor may see. */
  async follow(actor: Actor, proposalId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.proposals.findVisible(em, actor, proposalId, 'pessimistic_read');
      await follow(em, actor.user.id, proposalId);
    });
  }

  async unfollow(actor: Actor, proposalId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.proposals.findVisible(em, actor, proposalId, 'pessimistic_read');
      await em.delete(ProposalFollow, { proposalId, userId: actor.user.id });
    });
  }
}
