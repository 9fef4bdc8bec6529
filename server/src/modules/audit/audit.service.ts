import { LIMITS, Role } from '@commonweal/shared';
import type { DataSource } from 'typeorm';
import { badInput } from '../../graphql/errors.js';
import { hasRole, type Actor } from '../users/actor.js';
import type { AuditEntry } from './audit.type.js';

export interface AuditFilter {
  entity: string | null;
  entityId: string | null;
  actorId: string | null;
  action: string | null;
  from: Date | null;
  to: Date | null;
  /** The id (a number) to read below: the next page's cursor. */
  after: string | null;
  first: number;
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

/** Reading the audit trail (its rows are written by triggers): the filters and who sees what. */
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first; GOVERNMENT's view leaves out FUND_ADMIN_ONLY tables and anything about a current draft. */
  async list(actor: Actor, f: AuditFilter): Promise<AuditEntry[]> {
    if (f.entity !== null && !/^[a-z_]{1,40}$/.test(f.entity)) {
      throw badInput('entity', 'entity is a table name, e.g. proposals');
    }
    if (f.action !== null && !ACTIONS.includes(f.action)) {
      throw badInput('action', 'action must be insert, update or delete');
    }
    if (f.entityId !== null && f.entityId.length > LIMITS.searchText.max) {
      throw badInput('entityId', 'entityId is too long');
    }
    if (f.after !== null && !/^\d{1,18}$/.test(f.after)) throw badInput('after', 'Malformed cursor');
    const admin = hasRole(actor, Role.FUND_ADMIN);
    const rows: AuditRow[] = await this.dataSource.query(
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
      [f.entity, f.entityId, f.actorId, f.action, f.from, f.to, f.after, f.first, admin],
    );
    return rows.map((r) => ({
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
  }
}
