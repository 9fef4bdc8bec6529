import { createHmac, randomBytes } from 'node:crypto';
import { Role } from '@commonweal/shared';
import type { DataSource } from 'typeorm';
import { badInput, forbidden, notFound } from '../../graphql/errors.js';
import type { Logger } from '../../logger.js';
import type { ActivityService } from '../activity/activity.service.js';
import { hasRole, type Actor } from '../users/actor.js';

export interface WebhookOptions {
  /** How often the queue is looked at (and new activity queued). */
  pollMs: number;
  /** Attempts before a delivery is given up (FAILED). */
  maxAttempts: number;
  /** The wait after the first failure; it doubles with each further one (at most an hour). */
  backoffMs: number;
  /** How long a receiver has to answer. */
  timeoutMs: number;
  /** Activity is queued once it is this old, so a slow transaction's entries are not skipped. */
  settleMs: number;
  /** The site's public address, for the links in payloads (paths only without it). */
  publicUrl: string | undefined;
}

export interface WebhookRow {
  id: string;
  fund_id: string;
  url: string;
  active: boolean;
  created_at: Date;
}

export interface DeliveryRow {
  id: string;
  seq: string;
  title: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

export const SIGNATURE_HEADER = 'x-commonweal-signature';
const BATCH = 20;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook's secret>`: what receivers check. */
export function signature(secret: string, body: string, at = new Date()): string {
  const t = String(Number(BigInt(at.getTime()) / 1000n));
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/**
 * Signed outbound webhooks: partner platforms and foundations registered by
 * FUND_ADMIN receive the fund's public activity (what its Atom feed shows)
 * as JSON POSTs signed with their secret; a failed delivery is retried with
 * exponential backoff until it succeeds or `maxAttempts` is reached, and
 * every delivery's state stays in the log. The queue lives in PostgreSQL, so
 * several instances share it (claims skip what another holds; a delivery is
 * queued once per webhook and event).
 */
export class WebhooksService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly options: WebhookOptions,
    private readonly logger: Logger,
  ) {}

  async create(actor: Actor, fundId: string, url: string): Promise<{ webhook: WebhookRow; secret: string }> {
    if (!hasRole(actor, Role.FUND_ADMIN)) throw forbidden('Only FUND_ADMIN registers webhooks');
    const target = url.trim();
    let parsed: URL | null = null;
    try {
      parsed = new URL(target);
    } catch {
      parsed = null;
    }
    if (
      !parsed ||
      !['http:', 'https:'].includes(parsed.protocol) ||
      target.length > 2000 ||
      parsed.username ||
      parsed.password
    ) {
      throw badInput('url', 'url must be an http(s) address of at most 2000 characters, without credentials');
    }
    const [fund] = (await this.dataSource.query('SELECT id FROM funds WHERE id = $1', [fundId])) as unknown[];
    if (!fund) throw notFound('Fund');
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const cursor = await this.activity.lastSeq();
    // In a transaction, so the audit trail names who registered it.
    const [webhook] = (await this.dataSource.transaction((em) =>
      em.query(
        `INSERT INTO webhooks (fund_id, url, secret, cursor, created_by) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, fund_id, url, active, created_at`,
        [fundId, target, secret, cursor, actor.user.id],
      ),
    )) as WebhookRow[];
    return { webhook: webhook!, secret };
  }

  async remove(actor: Actor, id: string): Promise<boolean> {
    if (!hasRole(actor, Role.FUND_ADMIN)) throw forbidden('Only FUND_ADMIN removes webhooks');
    const [, affected] = (await this.dataSource.transaction((em) =>
      em.query('DELETE FROM webhooks WHERE id = $1', [id]),
    )) as [unknown, number];
    if (!affected) throw notFound('Webhook');
    return true;
  }

  list(fundId: string): Promise<WebhookRow[]> {
    return this.dataSource.query(
      'SELECT id, fund_id, url, active, created_at FROM webhooks WHERE fund_id = $1 ORDER BY created_at, id',
      [fundId],
    );
  }

  deliveries(webhookId: string, first: number): Promise<DeliveryRow[]> {
    return this.dataSource.query(
      `SELECT id::text, seq::text, payload->>'title' AS title, status, attempts, next_attempt_at, last_status_code,
              last_error, delivered_at, created_at
         FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2`,
      [webhookId, first],
    );
  }

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round: queue new activity for every webhook, then send what is due. Never two at once in a process. */
  tick(): Promise<void> {
    this.running ??= (async () => {
      try {
        await this.enqueue();
        await this.deliverDue();
      } catch (error) {
        this.logger.warn({ err: error }, 'webhook round failed; the next one retries');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async enqueue(): Promise<void> {
    const hooks = (await this.dataSource.query(
      `SELECT id, fund_id, cursor::text AS cursor FROM webhooks WHERE active`,
    )) as Array<{ id: string; fund_id: string; cursor: string }>;
    const settled = new Date(Date.now() - this.options.settleMs);
    for (const hook of hooks) {
      const items = (await this.activity.after(hook.fund_id, hook.cursor, 100)).filter((i) => i.at < settled);
      if (items.length === 0) continue;
      const origin = this.options.publicUrl?.replace(/\/$/, '') ?? '';
      await this.dataSource.transaction(async (em) => {
        await em.query(
          `INSERT INTO webhook_deliveries (webhook_id, seq, payload)
           SELECT $1, (p->>'seq')::bigint, p FROM jsonb_array_elements($2::jsonb) AS p
           ON CONFLICT (webhook_id, seq) DO NOTHING`,
          [
            hook.id,
            JSON.stringify(
              items.map((i) => ({
                id: `urn:commonweal:activity:${i.seq}`,
                seq: i.seq,
                fundId: hook.fund_id,
                at: i.at.toISOString(),
                title: i.title,
                summary: i.summary,
                url: `${origin}${i.path}`,
              })),
            ),
          ],
        );
        await em.query('UPDATE webhooks SET cursor = GREATEST(cursor, $2::bigint) WHERE id = $1', [
          hook.id,
          items.at(-1)!.seq,
        ]);
      });
    }
  }

  private async deliverDue(): Promise<void> {
    // An UPDATE ... RETURNING answers [rows, count] through TypeORM.
    const [due] = (await this.dataSource.query(
      `UPDATE webhook_deliveries d SET next_attempt_at = clock_timestamp() + make_interval(secs => $2)
        WHERE d.id IN (SELECT id FROM webhook_deliveries
                        WHERE status = 'PENDING' AND next_attempt_at <= clock_timestamp()
                        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING d.id::text, d.payload, d.attempts,
                 (SELECT url FROM webhooks w WHERE w.id = d.webhook_id) AS url,
                 (SELECT secret FROM webhooks w WHERE w.id = d.webhook_id) AS secret`,
      [BATCH, Number(BigInt(this.options.timeoutMs) / 1000n) + 30],
    )) as [Array<{ id: string; payload: unknown; attempts: number; url: string; secret: string }>, number];
    await Promise.all(due.map((d) => this.deliver(d)));
  }

  private async deliver(d: { id: string; payload: unknown; attempts: number; url: string; secret: string }) {
    const body = JSON.stringify(d.payload);
    let code: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Commonweal-Webhooks',
          [SIGNATURE_HEADER]: signature(d.secret, body),
          'x-commonweal-delivery': d.id,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      code = res.status;
      await res.body?.cancel();
      if (res.status < 200 || res.status > 299) error = `answered ${res.status}`;
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
    }
    const attempts = d.attempts + 1;
    if (error === null) {
      await this.dataSource.query(
        `UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = $2::int, last_status_code = $3::int, last_error = NULL,
                delivered_at = clock_timestamp() WHERE id = $1`,
        [d.id, attempts, code],
      );
      return;
    }
    const wait = Math.min(this.options.backoffMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET attempts = $2::int, last_status_code = $3::int, last_error = $4::text,
              status = CASE WHEN $2::int >= $5::int THEN 'FAILED' ELSE 'PENDING' END,
              next_attempt_at = clock_timestamp() + make_interval(secs => $6::double precision / 1000)
        WHERE id = $1`,
      [d.id, attempts, code, error, this.options.maxAttempts, wait],
    );
  }
}
