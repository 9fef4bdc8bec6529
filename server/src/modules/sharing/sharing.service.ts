import { randomBytes } from 'node:crypto';
import { formatMoney, ProposalStatus } from '@commonweal/shared';
import type { DataSource } from 'typeorm';
import { notFound } from '../../graphql/errors.js';
import { Loaders } from '../../graphql/loaders.js';

/** What can be shared: each has a public page in the client. */
export enum ShareKind {
  PROPOSAL = 'PROPOSAL',
  CAMPAIGN = 'CAMPAIGN',
  NEED = 'NEED',
  FUND = 'FUND',
}

/** The client page of each kind (the fund's is its dashboard). */
export const PAGE_OF: Record<ShareKind, (id: string) => string> = {
  [ShareKind.PROPOSAL]: (id) => `/proposals/${id}`,
  [ShareKind.CAMPAIGN]: (id) => `/campaigns/${id}`,
  [ShareKind.NEED]: (id) => `/needs/${id}`,
  // One fund per deployment: its page is the dashboard.
  [ShareKind.FUND]: () => '/',
};

/** What a preview shows: the page's title and summary with its progress, and how full the card's bar is. */
export interface Preview {
  kind: ShareKind;
  id: string;
  title: string;
  description: string;
  /** 0-1000: the card's progress bar. */
  permille: number;
}

const CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

function newCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return code;
}

const permilleOf = (part: bigint, whole: bigint): number =>
  whole <= 0n ? 0 : Number(((part > whole ? whole : part) * 1000n) / whole);

/**
 * Previews (Open Graph cards) and short links of the public pages. Everything
 * is read as an anonymous visitor would see it: a draft proposal has no
 * preview and no link, as if it did not exist.
 */
export class SharingService {
  constructor(private readonly dataSource: DataSource) {}

  async preview(kind: ShareKind, id: string): Promise<Preview | null> {
    const loaders = new Loaders(this.dataSource, null);
    switch (kind) {
      case ShareKind.PROPOSAL: {
        const p = await loaders.proposals.byId.load(id);
        if (!p) return null;
        const [{ tally, comments }, fund] = await Promise.all([
          loaders.proposals.figures.load(p.id),
          loaders.funds.byId.load(p.fundId),
        ]);
        const votes = tally.support + tally.oppose;
        const parts = [
          p.summary,
          `Budget ${formatMoney(p.budgetMinor, fund?.currency ?? 'CNY')}`,
          `${tally.support} support, ${tally.oppose} oppose, ${comments} comments`,
        ];
        if (p.status === ProposalStatus.CONSULTATION && p.consultationEndsAt) {
          parts.push(`consultation until ${p.consultationEndsAt.toISOString().slice(0, 10)}`);
        } else parts.push(p.status.toLowerCase().replace('_', ' '));
        return {
          kind,
          id,
          title: p.title,
          description: parts.join(' · '),
          permille: permilleOf(BigInt(tally.support), BigInt(votes)),
        };
      }
      case ShareKind.CAMPAIGN: {
        const c = await loaders.campaigns.byId.load(id);
        if (!c) return null;
        const [{ raised, donorCount }, fund] = await Promise.all([
          loaders.campaigns.totals.load(c.id),
          loaders.funds.byId.load(c.fundId),
        ]);
        const currency = fund?.currency ?? 'CNY';
        return {
          kind,
          id,
          title: c.title,
          description: `${formatMoney(raised, currency)} raised of ${formatMoney(c.goalMinor, currency)} from ${donorCount} donors · ${c.description}`,
          permille: permilleOf(raised, c.goalMinor),
        };
      }
      case ShareKind.NEED: {
        const n = await loaders.needs.byId.load(id);
        if (!n) return null;
        return {
          kind,
          id,
          title: n.title,
          description: `${n.supportCount} residents support this need · ${n.description}`,
          permille: permilleOf(BigInt(n.supportCount), 100n),
        };
      }
      case ShareKind.FUND: {
        const f = await loaders.funds.byId.load(id);
        if (!f) return null;
        return { kind, id, title: f.name, description: f.description ?? f.region, permille: 0 };
      }
    }
  }

  /** The short link's code for a public page, made on first request and the same ever after. */
  async shortCode(kind: ShareKind, id: string): Promise<string> {
    if (!(await this.preview(kind, id))) throw notFound(kind.charAt(0) + kind.slice(1).toLowerCase());
    for (let attempt = 0; attempt < 5; attempt++) {
      const rows = (await this.dataSource.query(
        `WITH made AS (
           INSERT INTO share_links (code, kind, target_id) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING code)
         SELECT code FROM made UNION ALL SELECT code FROM share_links WHERE kind = $2 AND target_id = $3`,
        [newCode(), kind, id],
      )) as Array<{ code: string }>;
      if (rows[0]) return rows[0].code;
      // The code was taken by another page (one in 10^14): draw again.
    }
    throw new Error('could not draw a free share code');
  }

  /** The page a short link leads to, or null. */
  async resolve(code: string): Promise<string | null> {
    const [row] = (await this.dataSource.query('SELECT kind, target_id FROM share_links WHERE code = $1', [
      code,
    ])) as Array<{
      kind: ShareKind;
      target_id: string;
    }>;
    return row ? PAGE_OF[row.kind](row.target_id) : null;
  }
}
