/**
 * The benchmark data set, written straight into a database the server has
 * already migrated, with a few large set-based INSERTs (generate_series in
 * SQL, or unnest over arrays built here) instead of one API call per row:
 * one fund, residents, organizations, needs, proposals in every status,
 * votes, comments, sponsorships, campaigns with donations, disbursements and
 * partnerships, and a hash-chained ledger that `ledger-verify` accepts (the
 * chain is computed with the server's own ledgerHash).
 *
 * Row ids are md5-derived UUIDs (`benchId`), so SQL and this file name the
 * same rows without reading them back. The audit triggers are switched off
 * while seeding (the audit log of 300,000 seeded rows would only slow the
 * seed down; nothing reads it here) and on again afterwards.
 */
import 'reflect-metadata'; // the server's entity modules, loaded by auth.service, need it first
import { createHash, randomUUID } from 'node:crypto';
import { ledgerHash } from '@commonweal/server/dist/modules/ledger/ledger.hash.js';
import { hashPassword } from '@commonweal/server/dist/modules/users/auth.service.js';
import type pg from 'pg';
import { nowSeconds, signJwt } from '../support/server.js';
import type { Seeded } from './types.js';
import { withClient } from './util.js';

export interface Scale {
  proposals: number;
  comments: number;
  residents: number;
  ledgerEntries: number;
  /** Proposals after the growth step (section 6). */
  grownProposals: number;
}

const FULL: Scale = {
  proposals: 2_000,
  comments: 100_000,
  residents: 20_000,
  ledgerEntries: 50_000,
  grownProposals: 20_000,
};
const QUICK: Scale = {
  proposals: 200,
  comments: 10_000,
  residents: 2_000,
  ledgerEntries: 5_000,
  grownProposals: 2_000,
};

export const scaleFor = (quick: boolean): Scale => (quick ? QUICK : FULL);

/** What later steps (growth, list top-ups) need to know about the seeded rows. */
export interface World {
  now: number;
  fundId: string;
  adminId: string;
  govId: string;
  organizations: Array<{ id: string; memberId: string; name: string }>;
  residents: number;
  /** Proposals seeded so far (indexes 0 … proposals-1, newest first). */
  proposals: number;
  /** Ids of proposals everybody may see, for rows that point at one. */
  publicProposalIds: string[];
}

/** The accounts, organizations and fund: the part of the world that never grows. */
type People = Omit<World, 'proposals' | 'publicProposalIds'>;

const SEED_PASSWORD = 'bench-password';
/** Session tokens handed to the sections (the issue asks for at least 200). */
const TOKENS = 2_000;
/** The watched proposal's own comments and votes, beyond the spread ones. */
const HOT_COMMENTS = 300;
const HOT_VOTES = 500;
/** Comments and votes of each proposal the growth step adds (kept small: the growth is about row counts). */
const GROWN_COMMENTS_EACH = 5;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Proposal statuses by index (0 is the newest, and in CONSULTATION): 5% drafts, the rest public. */
const STATUS_CYCLE = [
  'CONSULTATION',
  'APPROVED',
  'IN_PROGRESS',
  'COMPLETED',
  'CONSULTATION',
  'BIDDING',
  'COMPLETED',
  'CONSULTATION',
  'IN_PROGRESS',
  'REJECTED',
  'CONSULTATION',
  'APPROVED',
  'COMPLETED',
  'BIDDING',
  'CONSULTATION',
  'IN_PROGRESS',
  'WITHDRAWN',
  'COMPLETED',
  'DRAFT',
  'CONSULTATION',
] as const;
const DECIDED = new Set(['APPROVED', 'BIDDING', 'IN_PROGRESS', 'COMPLETED', 'REJECTED']);
const FUNDED = new Set(['APPROVED', 'BIDDING', 'IN_PROGRESS', 'COMPLETED']);
const CATEGORIES = [
  'ELDERLY_CARE',
  'YOUTH_EDUCATION',
  'PROPERTY_SERVICES',
  'HEALTHCARE',
  'CULTURE_RECREATION',
  'ENVIRONMENT',
  'DISABILITY_SUPPORT',
  'EMERGENCY_RELIEF',
  'OTHER',
] as const;
const TEXT =
  'Residents of the old compound asked for this at two neighbourhood meetings; the plan covers materials, ' +
  'labour and upkeep for the first year, and the social work centre will report progress every month. ';

const at = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const iso = (ms: number): string => new Date(ms).toISOString();
const intDiv = (a: number, b: number): number => (a - (a % b)) / b;

/**
 * A deterministic UUID for the n-th row of a kind: md5 of a name, shaped as a
 * version-4 UUID (the API's inputs accept no other). SQL computes the same
 * with `sqlId`.
 */
function benchId(kind: string, n: number): string {
  const hex = createHash('md5').update(`bench:${kind}:${n}`).digest('hex');
  const v4 = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return `${v4.slice(0, 8)}-${v4.slice(8, 12)}-${v4.slice(12, 16)}-${v4.slice(16, 20)}-${v4.slice(20)}`;
}
const sqlId = (kind: string, n: string) =>
  `overlay(overlay(md5('bench:${kind}:' || (${n})) placing '4' from 13) placing '8' from 17)::uuid`;

type Row = Record<string, unknown>;

/** Inserts rows with one `INSERT … SELECT FROM unnest(arrays)` per batch; `types` names each column's SQL type. */
async function insertRows(
  client: pg.Client,
  table: string,
  types: Record<string, string>,
  rows: Row[],
  batch = 10_000,
): Promise<void> {
  const columns = Object.keys(types);
  const arrays = columns.map((column, i) => `$${i + 1}::${types[column]}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays})`;
  for (let start = 0; start < rows.length; start += batch) {
    const chunk = rows.slice(start, start + batch);
    await client.query(
      sql,
      columns.map((column) => chunk.map((row) => row[column] ?? null)),
    );
  }
}

/** Runs `work` with the audit triggers off, and always turns them on again. */
async function withoutAuditTriggers<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
  const { rows } = await client.query<{ tbl: string; name: string }>(
    `SELECT tgrelid::regclass::text AS tbl, tgname AS name FROM pg_trigger WHERE tgname LIKE '%\\_audit' AND NOT tgisinternal`,
  );
  const toggle = async (how: 'DISABLE' | 'ENABLE') => {
    for (const t of rows) await client.query(`ALTER TABLE ${t.tbl} ${how} TRIGGER ${t.name}`);
  };
  await toggle('DISABLE');
  try {
    return await work();
  } finally {
    await toggle('ENABLE');
  }
}

// ---------------------------------------------------------------- people and organizations

const ORGANIZATIONS = 20;

async function seedPeople(client: pg.Client, now: number, residents: number): Promise<People> {
  const passwordHash = await hashPassword(SEED_PASSWORD);
  const fundId = benchId('fund', 0);
  await insertRows(
    client,
    'funds',
    { id: 'uuid', name: 'text', region: 'text', description: 'text', currency: 'text' },
    [
      {
        id: fundId,
        name: 'Bench Street Community Fund',
        region: 'Bench District',
        description: 'The benchmark fund: one street, its residents, organizations and public ledger.',
        currency: 'CNY',
      },
    ],
  );
  const hoods = [0, 1, 2, 3].map((n) => benchId('neighborhood', n));
  await insertRows(
    client,
    'neighborhoods',
    { id: 'uuid', fund_id: 'uuid', name: 'text', kind: 'text' },
    hoods.map((id, n) => ({ id, fund_id: fundId, name: `Compound ${n + 1}`, kind: n < 2 ? 'OLD' : 'NEW' })),
  );

  const staff = (kind: string, n: number, role: string, name: string): Row => ({
    id: benchId(kind, n),
    email: `${kind}${n}@bench.example`,
    password_hash: passwordHash,
    display_name: name,
    role,
  });
  const organizations = Array.from({ length: ORGANIZATIONS }, (_, n) => {
    const enterprise = n < ORGANIZATIONS / 2;
    return {
      id: benchId('organization', n),
      memberId: benchId('member', n),
      name: enterprise ? `Bench Enterprise ${n + 1}` : `Bench Social Organization ${n + 1}`,
      type: enterprise ? 'ENTERPRISE' : 'SOCIAL_ORGANIZATION',
      role: enterprise ? 'ENTERPRISE' : 'SOCIAL_ORGANIZATION',
    };
  });
  const adminId = benchId('admin', 0);
  const govId = benchId('gov', 0);
  await insertRows(
    client,
    'users',
    { id: 'uuid', email: 'text', password_hash: 'text', display_name: 'text', role: 'text' },
    [
      staff('admin', 0, 'FUND_ADMIN', 'Fund Secretariat'),
      staff('gov', 0, 'GOVERNMENT', 'Street Office'),
      staff('gov', 1, 'GOVERNMENT', 'Street Office (second signer)'),
      ...organizations.map((o, n) => staff('member', n, o.role, `${o.name} (staff)`)),
    ],
  );
  await insertRows(
    client,
    'organizations',
    {
      id: 'uuid',
      name: 'text',
      type: 'text',
      description: 'text',
      verified: 'boolean',
      verified_by: 'uuid',
      verified_at: 'timestamptz',
    },
    organizations.map((o) => ({
      ...o,
      description: `${o.name}: a partner of the street.`,
      verified: true,
      verified_by: govId,
      verified_at: iso(now - 400 * DAY),
    })),
  );
  await insertRows(
    client,
    'memberships',
    { user_id: 'uuid', organization_id: 'uuid', status: 'text', decided_by: 'uuid', decided_at: 'timestamptz' },
    organizations.map((o) => ({
      user_id: o.memberId,
      organization_id: o.id,
      status: 'APPROVED',
      decided_by: govId,
      decided_at: iso(now - 400 * DAY),
    })),
  );
  await client.query(
    `INSERT INTO users (id, email, password_hash, display_name, role, neighborhood_id, created_at)
     SELECT ${sqlId('resident', 'g')}, 'resident' || g || '@bench.example', $1, 'Resident ' || g, 'RESIDENT',
            ($2::uuid[])[1 + g % 4], $3::timestamptz - g * interval '1 minute'
       FROM generate_series(0, $4::int - 1) g`,
    [passwordHash, hoods, iso(now - 500 * DAY), residents],
  );
  return { now, fundId, adminId, govId, organizations, residents };
}

const residentId = (world: Pick<World, 'residents'>, n: number) => benchId('resident', n % world.residents);

// ---------------------------------------------------------------- needs

const needsFor = (scale: Scale) => Math.max(120, intDiv(scale.proposals, 4));

async function seedNeeds(client: pg.Client, world: People, count: number): Promise<void> {
  await insertRows(
    client,
    'needs',
    {
      id: 'uuid',
      fund_id: 'uuid',
      neighborhood_id: 'uuid',
      author_id: 'uuid',
      title: 'text',
      description: 'text',
      category: 'text',
      status: 'text',
      support_count: 'int',
      created_at: 'timestamptz',
    },
    Array.from({ length: count }, (_, n) => ({
      id: benchId('need', n),
      fund_id: world.fundId,
      neighborhood_id: benchId('neighborhood', n % 4),
      author_id: residentId(world, n * 17),
      title: `Need ${n}: ${at(CATEGORIES, n).toLowerCase().replace('_', ' ')}`,
      description: TEXT,
      category: at(CATEGORIES, n),
      status: at(['OPEN', 'OPEN', 'ADDRESSED', 'CLOSED'], n),
      support_count: n % 15,
      created_at: iso(world.now - 200 * DAY - n * 3 * HOUR),
    })),
  );
  // Need n has n % 15 supporters, matching support_count.
  await client.query(
    `INSERT INTO need_supports (need_id, user_id)
     SELECT ${sqlId('need', 'n')}, ${sqlId('resident', `(n * 97 + k) % $2::int`)}
       FROM generate_series(0, $1::int - 1) n CROSS JOIN LATERAL generate_series(0, n % 15 - 1) k`,
    [count, world.residents],
  );
}

// ---------------------------------------------------------------- proposals, votes, comments

interface ProposalInfo {
  index: number;
  id: string;
  status: string;
  createdAt: number;
  title: string;
}

/** Proposal i was created 2i hours before a week ago: index 0 is the newest. */
function proposalInfo(world: Pick<World, 'now'>, index: number): ProposalInfo {
  const category = at(CATEGORIES, index);
  return {
    index,
    id: benchId('proposal', index),
    status: at(STATUS_CYCLE, index),
    createdAt: world.now - 7 * DAY - index * 2 * HOUR,
    title: `Proposal ${index}: ${category.toLowerCase().replace('_', ' ')} for compound ${(index % 4) + 1}`,
  };
}

function proposalRow(world: People, p: ProposalInfo, needs: number): Row {
  const byOrganization = p.index % 3 === 2;
  const organization = at(world.organizations, p.index);
  return {
    id: p.id,
    fund_id: world.fundId,
    need_id: p.index % 2 === 0 ? benchId('need', intDiv(p.index, 2) % needs) : null,
    author_id: byOrganization ? organization.memberId : residentId(world, p.index * 7919),
    organization_id: byOrganization ? organization.id : null,
    title: p.title,
    summary: `${p.title}. ${TEXT}`.slice(0, 300),
    body: TEXT.repeat(5),
    category: at(CATEGORIES, p.index),
    status: p.status,
    budget_minor: String((50_000 + ((p.index * 7919) % 500) * 1_000) * 100),
    consultation_ends_at: iso(p.status === 'CONSULTATION' ? world.now + 30 * DAY : p.createdAt + 30 * MINUTE),
    bidding_closes_at:
      p.status === 'BIDDING' ? iso(world.now + 14 * DAY) : FUNDED.has(p.status) ? iso(p.createdAt + 50 * MINUTE) : null,
    decided_by: DECIDED.has(p.status) ? world.govId : null,
    decided_at: DECIDED.has(p.status) ? iso(p.createdAt + HOUR) : null,
    created_at: iso(p.createdAt),
    updated_at: iso(p.createdAt + HOUR),
  };
}

const PROPOSAL_COLUMNS = {
  id: 'uuid',
  fund_id: 'uuid',
  need_id: 'uuid',
  author_id: 'uuid',
  organization_id: 'uuid',
  title: 'text',
  summary: 'text',
  body: 'text',
  category: 'text',
  status: 'text',
  budget_minor: 'bigint',
  consultation_ends_at: 'timestamptz',
  bidding_closes_at: 'timestamptz',
  decided_by: 'uuid',
  decided_at: 'timestamptz',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
};

/** Votes: `counts[i]` residents vote on proposal i, a quarter of them against. */
async function insertVotes(client: pg.Client, residents: number, proposals: ProposalInfo[], counts: number[]) {
  await client.query(
    `INSERT INTO votes (proposal_id, user_id, choice, created_at, updated_at)
     SELECT p.id, ${sqlId('resident', `(p.ord * 131 + k) % $4::int`)},
            CASE WHEN (p.ord + k) % 4 = 0 THEN 'OPPOSE' ELSE 'SUPPORT' END,
            p.at + k * interval '1 minute', p.at + k * interval '1 minute'
       FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) WITH ORDINALITY AS p(id, n, at, ord)
      CROSS JOIN LATERAL generate_series(0, p.n - 1) k`,
    [proposals.map((p) => p.id), counts, proposals.map((p) => iso(p.createdAt)), residents],
  );
}

/**
 * `count` comments spread over `proposals`, each within a week of its
 * proposal: a skewed draw (a few busy threads, many quiet ones) scattered
 * over the list by a prime stride, so busy threads are not all the newest;
 * `seed` makes the spread the same on every run.
 */
async function insertComments(
  client: pg.Client,
  residents: number,
  proposals: ProposalInfo[],
  count: number,
  seed: number,
): Promise<void> {
  await client.query('SELECT setseed($1)', [seed]);
  await client.query(
    `INSERT INTO comments (proposal_id, author_id, body, created_at)
     SELECT ($1::uuid[])[pick.k], ${sqlId('resident', `(pick.c * 31) % $4::int`)},
            'Comment ' || pick.c || ': ' || left($5, 40 + pick.c % 160),
            ($2::timestamptz[])[pick.k] + ((pick.c * 7) % 10000) * interval '1 minute'
       FROM (SELECT c, 1 + (floor(n * power(random(), 1.5))::int * 7919) % n AS k
               FROM generate_series(0, $3::int - 1) c, cardinality($1::uuid[]) n) pick`,
    [proposals.map((p) => p.id), proposals.map((p) => iso(p.createdAt)), count, residents, TEXT.repeat(2)],
  );
}

/** The hot proposal's own thread: one comment a minute from different residents. */
async function insertThread(client: pg.Client, residents: number, proposal: ProposalInfo, count: number) {
  await client.query(
    `INSERT INTO comments (proposal_id, author_id, body, created_at)
     SELECT $1::uuid, ${sqlId('resident', `(c * 7) % $4::int`)}, 'On the watched proposal, comment ' || c,
            $2::timestamptz + (c + 1) * interval '1 minute'
       FROM generate_series(0, $3::int - 1) c`,
    [proposal.id, iso(proposal.createdAt), count, residents],
  );
}

/** Authors, voters and commenters follow what they took part in (as the server does for new ones). */
async function insertFollows(client: pg.Client): Promise<void> {
  await client.query(`
    INSERT INTO proposal_follows (proposal_id, user_id)
    SELECT id, author_id FROM proposals
    UNION SELECT proposal_id, user_id FROM votes
    UNION SELECT proposal_id, author_id FROM comments
    ON CONFLICT DO NOTHING`);
}

// ---------------------------------------------------------------- money: sponsorships, campaigns, ledger

interface Pledge {
  row: Row;
  amount: bigint;
  proposal: ProposalInfo;
  sponsor: string;
  fulfilled: boolean;
}

/** Every third funded proposal has a sponsorship; those under way or done were paid in (FULFILLED). */
function plannedSponsorships(world: People, proposals: ProposalInfo[]): Pledge[] {
  const enterprises = world.organizations.slice(0, ORGANIZATIONS / 2);
  return proposals
    .filter((p) => FUNDED.has(p.status) && p.index % 3 === 0)
    .map((p, n) => {
      const sponsor = at(enterprises, n);
      const kind = n % 7 === 3 ? 'IN_KIND' : 'FUNDS';
      const underWay = p.status === 'IN_PROGRESS' || p.status === 'COMPLETED';
      const status = underWay ? (kind === 'FUNDS' ? 'FULFILLED' : 'ACCEPTED') : at(['ACCEPTED', 'PROPOSED'], n);
      const amount = BigInt((1 + (n % 20)) * 50_000);
      return {
        amount,
        proposal: p,
        sponsor: sponsor.name,
        fulfilled: status === 'FULFILLED',
        row: {
          id: benchId('sponsorship', n),
          proposal_id: p.id,
          organization_id: sponsor.id,
          proposed_by: sponsor.memberId,
          kind,
          amount_minor: amount.toString(),
          description: `${sponsor.name} supports ${p.title}`,
          status,
          decided_by: status === 'PROPOSED' ? null : world.adminId,
          decided_at: status === 'PROPOSED' ? null : iso(p.createdAt + 3 * HOUR),
          created_at: iso(p.createdAt + 2 * HOUR),
        },
      };
    });
}

const SPONSORSHIP_COLUMNS = {
  id: 'uuid',
  proposal_id: 'uuid',
  organization_id: 'uuid',
  proposed_by: 'uuid',
  kind: 'text',
  amount_minor: 'bigint',
  description: 'text',
  status: 'text',
  decided_by: 'uuid',
  decided_at: 'timestamptz',
  fulfilled_at: 'timestamptz',
  ledger_entry_id: 'uuid',
  created_at: 'timestamptz',
};

interface CampaignInfo {
  id: string;
  title: string;
  proposalId: string | null;
}

/** Campaign n of the fund; n = 0 is the open fund-wide drive that section 5a donates to. */
function campaignRow(world: World, n: number): Row {
  const proposalId = n === 0 ? null : at(world.publicProposalIds, n * 3);
  const closed = n === 4;
  return {
    id: benchId('campaign', n),
    fund_id: world.fundId,
    proposal_id: proposalId,
    title: n === 0 ? 'Street fund drive' : `Campaign ${n}`,
    description: TEXT,
    goal_minor: String((1 + (n % 10)) * 10_000_000),
    ends_at: n === 0 ? null : iso(closed ? world.now - DAY : world.now + 60 * DAY),
    created_by: world.adminId,
    created_at: iso(world.now - 366 * DAY - n * HOUR),
  };
}

const CAMPAIGN_COLUMNS = {
  id: 'uuid',
  fund_id: 'uuid',
  proposal_id: 'uuid',
  title: 'text',
  description: 'text',
  goal_minor: 'bigint',
  ends_at: 'timestamptz',
  created_by: 'uuid',
  created_at: 'timestamptz',
};

/** Partnership n of the fund: ACTIVE, half of them for a project. */
function partnershipRow(world: World, n: number): Row {
  const organization = at(world.organizations, n);
  const project = n % 2 === 1;
  return {
    id: benchId('partnership', n),
    fund_id: world.fundId,
    organization_id: organization.id,
    kind: project ? 'PROJECT' : 'STRATEGIC',
    title: `Partnership ${n} with ${organization.name}`,
    commitments: TEXT,
    proposal_id: project ? at(world.publicProposalIds, n * 5) : null,
    status: 'ACTIVE',
    starts_on: iso(world.now - (n + 10) * DAY),
    proposed_by: world.adminId,
    proposed_by_fund: true,
    responded_by: organization.memberId,
    responded_at: iso(world.now - (n + 11) * DAY),
    created_at: iso(world.now - (n + 12) * DAY),
  };
}

const PARTNERSHIP_COLUMNS = {
  id: 'uuid',
  fund_id: 'uuid',
  organization_id: 'uuid',
  kind: 'text',
  title: 'text',
  commitments: 'text',
  proposal_id: 'uuid',
  status: 'text',
  starts_on: 'timestamptz',
  proposed_by: 'uuid',
  proposed_by_fund: 'boolean',
  responded_by: 'uuid',
  responded_at: 'timestamptz',
  created_at: 'timestamptz',
};

interface Posting {
  kind: 'DONATION' | 'SPONSORSHIP' | 'DISBURSEMENT';
  direction: 'IN' | 'OUT';
  amount: bigint;
  memo: string;
  counterparty: string;
  proposalId: string | null;
  recordedBy: string | null;
}

/**
 * The ledger as the server would have written it, oldest first: mostly
 * donations to the campaigns (40% to the fund drive), the fulfilled
 * sponsorships spread evenly, and every twelfth entry a disbursement the
 * balance can pay. Returns the entries with their chained hashes and the
 * donation, disbursement and sponsorship rows that point at them.
 */
function planLedger(
  world: World,
  entries: number,
  campaigns: CampaignInfo[],
  pledges: Pledge[],
  underWay: ProposalInfo[],
): { ledger: Row[]; donations: Row[]; disbursements: Row[]; sponsorships: Row[] } {
  const fulfilled = pledges.filter((p) => p.fulfilled);
  const spacing = Math.max(2, intDiv(entries, fulfilled.length + 1));
  const socials = world.organizations.slice(ORGANIZATIONS / 2);
  const start = world.now - 365 * DAY;
  const span = 360 * DAY;
  const ledger: Row[] = [];
  const donations: Row[] = [];
  const disbursements: Row[] = [];
  const paidPledges = new Map<Pledge, { entryId: string; at: number }>();
  let balance = 0n;
  let previousHash: string | null = null;
  let pledgesPaid = 0;

  for (let k = 0; k < entries; k++) {
    const sequence = k + 1;
    const occurredAt = start + intDiv(k * span, entries);
    const entryId = randomUUID();
    const pledge = k % spacing === spacing - 1 ? fulfilled[pledgesPaid] : undefined;
    const payout = BigInt(150_000 + (k % 7) * 50_000);
    let posting: Posting;
    if (pledge) {
      pledgesPaid += 1;
      paidPledges.set(pledge, { entryId, at: occurredAt });
      posting = {
        kind: 'SPONSORSHIP',
        direction: 'IN',
        amount: pledge.amount,
        memo: `Sponsorship for "${pledge.proposal.title}"`,
        counterparty: pledge.sponsor,
        proposalId: pledge.proposal.id,
        recordedBy: world.adminId,
      };
    } else if (k % 12 === 5 && balance >= payout && underWay.length > 0) {
      const proposal = at(underWay, disbursements.length);
      const payee = at(socials, disbursements.length);
      disbursements.push({
        id: randomUUID(),
        proposal_id: proposal.id,
        payee_organization_id: payee.id,
        amount_minor: payout.toString(),
        memo: 'Stage payment',
        status: 'APPROVED',
        requested_by: world.adminId,
        decided_by: world.govId,
        decided_at: iso(occurredAt),
        ledger_entry_id: entryId,
        created_at: iso(occurredAt - HOUR),
      });
      posting = {
        kind: 'DISBURSEMENT',
        direction: 'OUT',
        amount: payout,
        memo: `Stage payment — "${proposal.title}"`,
        counterparty: payee.name,
        proposalId: proposal.id,
        recordedBy: world.govId,
      };
    } else {
      const campaign = k % 10 < 4 ? campaigns[0]! : at(campaigns.slice(1), k);
      const anonymous = k % 5 === 0;
      const donor = anonymous ? 'Anonymous' : `Resident ${(k * 13) % world.residents}`;
      const amount = BigInt((((k * 7919) % 100) + 1) * 1_000);
      donations.push({
        id: randomUUID(),
        campaign_id: campaign.id,
        amount_minor: amount.toString(),
        donor_name: donor,
        anonymous,
        user_id: anonymous ? null : residentId(world, k * 13),
        idempotency_key: `bench-seed-${k}`,
        payment_reference: `recorded:bench-seed-${k}`,
        ledger_entry_id: entryId,
        created_at: iso(occurredAt),
      });
      posting = {
        kind: 'DONATION',
        direction: 'IN',
        amount,
        memo: `Donation to "${campaign.title}"`,
        counterparty: donor,
        proposalId: campaign.proposalId,
        recordedBy: null,
      };
    }
    balance = posting.direction === 'IN' ? balance + posting.amount : balance - posting.amount;
    const hashed = {
      fundId: world.fundId,
      sequence,
      kind: posting.kind,
      direction: posting.direction,
      amountMinor: posting.amount,
      balanceAfterMinor: balance,
      memo: posting.memo,
      counterparty: posting.counterparty,
      proposalId: posting.proposalId,
      occurredAt: new Date(occurredAt),
      previousHash,
    };
    const hash = ledgerHash(hashed);
    ledger.push({
      id: entryId,
      fund_id: world.fundId,
      sequence,
      kind: posting.kind,
      direction: posting.direction,
      amount_minor: posting.amount.toString(),
      balance_after_minor: balance.toString(),
      memo: posting.memo,
      counterparty: posting.counterparty,
      proposal_id: posting.proposalId,
      occurred_at: iso(occurredAt),
      recorded_by: posting.recordedBy,
      previous_hash: previousHash,
      hash,
      created_at: iso(occurredAt),
    });
    previousHash = hash;
  }

  // Pledges the ledger had no room for stay ACCEPTED.
  const sponsorships = pledges.map((p) => {
    const paid = paidPledges.get(p);
    if (p.fulfilled && !paid) return { ...p.row, status: 'ACCEPTED' };
    return paid ? { ...p.row, fulfilled_at: iso(paid.at), ledger_entry_id: paid.entryId } : p.row;
  });
  return { ledger, donations, disbursements, sponsorships };
}

const LEDGER_COLUMNS = {
  id: 'uuid',
  fund_id: 'uuid',
  sequence: 'int',
  kind: 'text',
  direction: 'text',
  amount_minor: 'bigint',
  balance_after_minor: 'bigint',
  memo: 'text',
  counterparty: 'text',
  proposal_id: 'uuid',
  occurred_at: 'timestamptz',
  recorded_by: 'uuid',
  previous_hash: 'text',
  hash: 'text',
  created_at: 'timestamptz',
};
const DONATION_COLUMNS = {
  id: 'uuid',
  campaign_id: 'uuid',
  amount_minor: 'bigint',
  donor_name: 'text',
  anonymous: 'boolean',
  user_id: 'uuid',
  idempotency_key: 'text',
  payment_reference: 'text',
  ledger_entry_id: 'uuid',
  created_at: 'timestamptz',
};
const DISBURSEMENT_COLUMNS = {
  id: 'uuid',
  proposal_id: 'uuid',
  payee_organization_id: 'uuid',
  amount_minor: 'bigint',
  memo: 'text',
  status: 'text',
  requested_by: 'uuid',
  decided_by: 'uuid',
  decided_at: 'timestamptz',
  ledger_entry_id: 'uuid',
  created_at: 'timestamptz',
};

/** Lists the server does not page: section 2 grows them from 5 to 50 to 100 rows. */
const GROWN_LISTS = {
  campaigns: { columns: CAMPAIGN_COLUMNS, row: campaignRow },
  partnerships: { columns: PARTNERSHIP_COLUMNS, row: partnershipRow },
} as const;
export type GrownList = keyof typeof GROWN_LISTS;
const INITIAL_LIST_ROWS = 5;

// ---------------------------------------------------------------- the steps

async function countRows(client: pg.Client): Promise<Seeded['counts']> {
  const { rows } = await client.query<Record<string, string>>(`
    SELECT (SELECT count(*) FROM proposals) AS proposals, (SELECT count(*) FROM comments) AS comments,
           (SELECT count(*) FROM users WHERE role = 'RESIDENT') AS residents,
           (SELECT count(*) FROM ledger_entries) AS ledger`);
  const r = rows[0]!;
  return {
    proposals: Number(r['proposals']),
    comments: Number(r['comments']),
    residents: Number(r['residents']),
    ledgerEntries: Number(r['ledger']),
  };
}

/** Fresh statistics and visibility maps, as a database that has been running a while has. */
async function settle(client: pg.Client): Promise<void> {
  await client.query('VACUUM ANALYZE');
}

/**
 * Seeds the data set into `databaseUrl` (migrated, empty) and returns what
 * the sections need, with session tokens signed with the servers' secret
 * (the server's own tokens are HS256 JWTs with the user id as subject).
 */
export async function seedDatabase(
  databaseUrl: string,
  jwtSecret: string,
  scale: Scale,
): Promise<{ seeded: Seeded; world: World }> {
  return withClient(databaseUrl, async (client) => {
    const world = await withoutAuditTriggers(client, async () => {
      const people = await seedPeople(client, Date.now(), scale.residents);
      const needs = needsFor(scale);
      await seedNeeds(client, people, needs);

      const proposals = Array.from({ length: scale.proposals }, (_, i) => proposalInfo(people, i));
      await insertRows(
        client,
        'proposals',
        PROPOSAL_COLUMNS,
        proposals.map((p) => proposalRow(people, p, needs)),
      );
      const visible = proposals.filter((p) => p.status !== 'DRAFT');
      const hot = proposals[0]!;
      await insertVotes(
        client,
        scale.residents,
        visible,
        visible.map((p) => (p === hot ? HOT_VOTES : 5 + ((p.index * 37) % 40))),
      );
      await insertComments(client, scale.residents, visible, scale.comments - HOT_COMMENTS, 0.42);
      await insertThread(client, scale.residents, hot, HOT_COMMENTS);
      await insertFollows(client);

      const full: World = { ...people, proposals: scale.proposals, publicProposalIds: visible.map((p) => p.id) };
      const campaigns = Array.from({ length: INITIAL_LIST_ROWS }, (_, n) => campaignRow(full, n));
      await insertRows(client, 'campaigns', CAMPAIGN_COLUMNS, campaigns);
      const underWay = proposals.filter((p) => p.status === 'IN_PROGRESS' || p.status === 'COMPLETED');
      const money = planLedger(
        full,
        scale.ledgerEntries,
        campaigns.map((c) => ({
          id: String(c['id']),
          title: String(c['title']),
          proposalId: (c['proposal_id'] as string | null) ?? null,
        })),
        plannedSponsorships(people, proposals),
        underWay,
      );
      await insertRows(client, 'ledger_entries', LEDGER_COLUMNS, money.ledger);
      await insertRows(client, 'sponsorships', SPONSORSHIP_COLUMNS, money.sponsorships);
      await insertRows(client, 'donations', DONATION_COLUMNS, money.donations);
      await insertRows(client, 'disbursements', DISBURSEMENT_COLUMNS, money.disbursements);
      await insertRows(
        client,
        'partnerships',
        PARTNERSHIP_COLUMNS,
        Array.from({ length: INITIAL_LIST_ROWS }, (_, n) => partnershipRow(full, n)),
      );
      return full;
    });
    await settle(client);

    const iat = nowSeconds();
    const residentTokens = Array.from({ length: Math.min(TOKENS, scale.residents) }, (_, n) =>
      signJwt(jwtSecret, { sub: benchId('resident', n), iat, exp: iat + 24 * 3600 }),
    );
    const seeded: Seeded = {
      fundId: world.fundId,
      hotProposalId: benchId('proposal', 0),
      campaignId: benchId('campaign', 0),
      residentTokens,
      counts: await countRows(client),
    };
    return { seeded, world };
  });
}

/**
 * Section 6's second step: older proposals until there are `total`, each
 * with a few votes and comments, so the first page of the feed stays the
 * same and only the table sizes change.
 */
export async function growProposals(databaseUrl: string, world: World, total: number): Promise<Seeded['counts']> {
  return withClient(databaseUrl, async (client) => {
    await withoutAuditTriggers(client, async () => {
      const needs = await client.query<{ n: string }>('SELECT count(*) AS n FROM needs');
      const added = Array.from({ length: total - world.proposals }, (_, i) => proposalInfo(world, world.proposals + i));
      await insertRows(
        client,
        'proposals',
        PROPOSAL_COLUMNS,
        added.map((p) => proposalRow(world, p, Number(needs.rows[0]!.n))),
      );
      const visible = added.filter((p) => p.status !== 'DRAFT');
      await insertVotes(
        client,
        world.residents,
        visible,
        visible.map((p) => 3 + (p.index % 5)),
      );
      await insertComments(client, world.residents, visible, visible.length * GROWN_COMMENTS_EACH, 0.17);
      await insertFollows(client);
    });
    world.proposals = total;
    await settle(client);
    return countRows(client);
  });
}

/** Adds rows to a list the server returns whole, until it holds `total`. */
export async function growList(databaseUrl: string, world: World, list: GrownList, total: number): Promise<void> {
  const { columns, row } = GROWN_LISTS[list];
  await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${list} WHERE fund_id = $1`, [
      world.fundId,
    ]);
    const have = Number(rows[0]!.n);
    const fresh = Array.from({ length: Math.max(0, total - have) }, (_, i) => row(world, have + i));
    await withoutAuditTriggers(client, () => insertRows(client, list, columns, fresh));
    await client.query(`ANALYZE ${list}`);
  });
}
