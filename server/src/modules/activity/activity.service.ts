import { formatMoney } from '@commonweal/shared';
import type { DataSource } from 'typeorm';

/** One public event in a fund's life, for its Atom feed. */
export interface ActivityItem {
  /** The audit log entry it comes from: stable, so feed readers see each once. */
  seq: string;
  at: Date;
  title: string;
  summary: string;
  /** The page it is about (a path on this site). */
  path: string;
}

/** How many items a feed holds (the newest). */
export const ACTIVITY_ITEMS = 50;

/** What a proposal's move to each status is called in the feed; moves not listed are not news (drafts, withdrawals). */
const PROPOSAL_NEWS: Record<string, string> = {
  CONSULTATION: 'Open for consultation',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  BIDDING: 'Open for bids',
  IN_PROGRESS: 'Awarded',
  COMPLETED: 'Completed',
};

interface Row {
  seq: string;
  at: Date;
  entity: 'proposals' | 'disbursements' | 'campaigns';
  entity_id: string;
  status: string | null;
  title: string | null;
  summary: string | null;
  amount_minor: string | null;
  proposal_id: string | null;
  proposal_title: string | null;
  currency: string;
}

/**
 * A fund's public activity, newest first, read from the audit log (every
 * change is there, whatever made it): proposals opened for consultation,
 * decided, opened for bids, awarded and completed; money paid out; campaigns
 * opened. Only moves into public states are news, so nothing of a draft
 * appears; every text is what the public pages show anyway.
 */
export class ActivityService {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest items, newest first. */
  recent(fundId: string, limit = ACTIVITY_ITEMS): Promise<ActivityItem[]> {
    return this.read(fundId, { after: null, limit, newestFirst: true });
  }

  /** The items after audit entry `seq`, oldest first (what a webhook has not heard of yet). */
  after(fundId: string, seq: string, limit: number): Promise<ActivityItem[]> {
    return this.read(fundId, { after: seq, limit, newestFirst: false });
  }

  /** The newest audit entry now: a new webhook hears of what happens after it. */
  async lastSeq(): Promise<string> {
    const [row] = (await this.dataSource.query('SELECT COALESCE(max(id), 0)::text AS seq FROM audit_log')) as Array<{
      seq: string;
    }>;
    return row!.seq;
  }

  private async read(
    fundId: string,
    { after, limit, newestFirst }: { after: string | null; limit: number; newestFirst: boolean },
  ): Promise<ActivityItem[]> {
    const rows = (await this.dataSource.query(
      `SELECT a.id::text AS seq, a.at, a.entity, a.entity_id, a.after->>'status' AS status,
              a.after->>'title' AS title, COALESCE(a.after->>'summary', a.after->>'description') AS summary, a.after->>'amount_minor' AS amount_minor,
              p.id AS proposal_id, p.title AS proposal_title, f.currency
         FROM audit_log a
         LEFT JOIN proposals p ON p.id = CASE a.entity WHEN 'disbursements' THEN (a.after->>'proposal_id')::uuid END
         JOIN funds f ON f.id = COALESCE(p.fund_id, (a.after->>'fund_id')::uuid)
        WHERE a.entity IN ('proposals', 'disbursements', 'campaigns')
          AND f.id = $1
          AND ((a.entity = 'proposals' AND a.action = 'update'
                AND a.after->>'status' IS DISTINCT FROM a.before->>'status'
                AND a.after->>'status' = ANY($2::text[]))
            OR (a.entity = 'disbursements' AND a.action = 'update'
                AND a.after->>'status' = 'APPROVED' AND a.before->>'status' IS DISTINCT FROM 'APPROVED')
            OR (a.entity = 'campaigns' AND a.action = 'insert'))
          AND ($4::bigint IS NULL OR a.id > $4::bigint)
        ORDER BY a.id ${newestFirst ? 'DESC' : 'ASC'}
        LIMIT $3`,
      [fundId, Object.keys(PROPOSAL_NEWS), limit, after],
    )) as Row[];
    return rows.map((r) => {
      switch (r.entity) {
        case 'proposals':
          return {
            seq: r.seq,
            at: r.at,
            title: `${PROPOSAL_NEWS[r.status!]}: ${r.title}`,
            summary: r.summary ?? '',
            path: `/proposals/${r.entity_id}`,
          };
        case 'disbursements': {
          const amount = formatMoney(BigInt(r.amount_minor ?? '0'), r.currency);
          return {
            seq: r.seq,
            at: r.at,
            title: `Paid out ${amount}: ${r.proposal_title}`,
            summary: `${amount} paid out of the fund for “${r.proposal_title}”, co-signed and on the public ledger.`,
            path: `/proposals/${r.proposal_id}`,
          };
        }
        case 'campaigns':
          return {
            seq: r.seq,
            at: r.at,
            title: `Campaign opened: ${r.title}`,
            summary: r.summary ?? '',
            path: `/campaigns/${r.entity_id}`,
          };
      }
    });
  }
}
