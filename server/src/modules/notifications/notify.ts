import type { NotificationKind } from '@commonweal/shared';
import type { EntityManager } from 'typeorm';
import { Topic, type DomainEvent } from '../../graphql/pubsub.js';

/**
 * Writing notifications and follows from inside other features' transactions:
 * a notification is committed with the change it reports (or not at all), and
 * its live event goes out after the commit through the caller's `emit`.
 */
export interface NotificationData {
  kind: NotificationKind;
  /** Who caused it; never notified of their own action. */
  actorId?: string | null;
  proposalId?: string | null;
  needId?: string | null;
  subjectId?: string | null;
  title?: string | null;
  status?: string | null;
  excerpt?: string | null;
}

type Emit = (event: DomainEvent) => void;

const EXCERPT = 160;

function clip(text: string | null | undefined, max: number): string | null {
  if (text === null || text === undefined) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const COLUMNS = 'user_id, kind, actor_id, proposal_id, need_id, subject_id, title, status, excerpt';

function values(data: NotificationData): unknown[] {
  return [
    data.kind,
    data.actorId ?? null,
    data.proposalId ?? null,
    data.needId ?? null,
    data.subjectId ?? null,
    clip(data.title, 200),
    data.status ?? null,
    clip(data.excerpt, EXCERPT),
  ];
}

function announce(emit: Emit, rows: Array<{ id: string; user_id: string }>): void {
  for (const row of rows) {
    emit({ topic: Topic.NotificationAdded, payload: { userId: row.user_id, notificationId: row.id } });
  }
}

/** Notifies each recipient once (the actor excepted), in one statement. */
export async function notify(
  em: EntityManager,
  emit: Emit,
  recipients: Iterable<string | null | undefined>,
  data: NotificationData,
): Promise<void> {
  const userIds = [...new Set([...recipients].filter((id): id is string => !!id && id !== data.actorId))];
  if (userIds.length === 0) return;
  const rows: Array<{ id: string; user_id: string }> = await em.query(
    `INSERT INTO notifications (${COLUMNS})
     SELECT u, $2, $3, $4, $5, $6, $7, $8, $9 FROM unnest($1::uuid[]) AS u
     RETURNING id, user_id`,
    [userIds, ...values(data)],
  );
  announce(emit, rows);
}

/** Notifies everyone following a proposal (the actor and `except` excepted), in one statement. */
export async function notifyFollowers(
  em: EntityManager,
  emit: Emit,
  proposalId: string,
  data: NotificationData,
  except: readonly string[] = [],
): Promise<void> {
  const rows: Array<{ id: string; user_id: string }> = await em.query(
    `INSERT INTO notifications (${COLUMNS})
     SELECT f.user_id, $2, $3, $4, $5, $6, $7, $8, $9 FROM proposal_follows f
     WHERE f.proposal_id = $1 AND f.user_id IS DISTINCT FROM $3 AND NOT (f.user_id = ANY($10::uuid[]))
     RETURNING id, user_id`,
    [proposalId, ...values({ ...data, proposalId }), [...except]],
  );
  announce(emit, rows);
}

/** Makes a user follow a proposal; following twice is a no-op. */
export async function follow(em: EntityManager, userId: string, proposalId: string): Promise<void> {
  await em.query(`INSERT INTO proposal_follows (proposal_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
    proposalId,
    userId,
  ]);
}
