import { Role, type VoteChoice } from '@commonweal/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { derivedLoader, groupByKey, idLoader, visibleOnly } from '../shared/loader-utils.js';
import { hasRole, type Actor } from '../users/actor.js';
import { ProgressUpdate } from './progress-update.entity.js';
import { Proposal } from './proposal.entity.js';
import { canView } from './proposals.policy.js';
import { ProposalRevision } from './revision.entity.js';

export interface Tally {
  support: number;
  oppose: number;
  assisted: number;
}

export interface ProposalFigures {
  tally: Tally;
  comments: number;
  /** ACCEPTED and FULFILLED FUNDS sponsorships. */
  sponsoredMinor: bigint;
}

/** What every viewer gets alike (one set may serve all subscribers of a live event). */
export function createProposalSharedLoaders(ds: DataSource) {
  /**
   * The counted figures of each proposal in one statement: its votes, its
   * comments and the FUNDS pledges that count (ACCEPTED, FULFILLED), which a
   * feed shows for every proposal.
   */
  const figures = new DataLoader<string, ProposalFigures>(async (proposalIds) => {
    const rows: Array<{
      id: string;
      support: number;
      oppose: number;
      assisted: number;
      comments: number;
      sponsored: string;
    }> = await ds.query(
      `SELECT p.id, v.support, v.oppose, v.assisted,
                (SELECT count(*)::int FROM comments c WHERE c.proposal_id = p.id) AS comments,
                (SELECT coalesce(sum(s.amount_minor), 0)::text FROM sponsorships s
                  WHERE s.proposal_id = p.id AND s.kind = 'FUNDS' AND s.status IN ('ACCEPTED', 'FULFILLED')) AS sponsored
           FROM unnest($1::uuid[]) AS p(id)
           CROSS JOIN LATERAL (
             SELECT count(*) FILTER (WHERE choice = 'SUPPORT')::int AS support,
                    count(*) FILTER (WHERE choice = 'OPPOSE')::int AS oppose,
                    count(recorded_by)::int AS assisted
               FROM votes WHERE proposal_id = p.id) v`,
      [proposalIds],
    );
    const map = new Map(
      rows.map((r) => [
        r.id,
        {
          tally: { support: r.support, oppose: r.oppose, assisted: r.assisted },
          comments: r.comments,
          sponsoredMinor: BigInt(r.sponsored),
        },
      ]),
    );
    return proposalIds.map((id) => map.get(id) ?? new Error(`no figures for ${id}`));
  });
  return {
    /** Every proposal by id, whoever may see it: `byId` filters for the viewer. */
    rows: idLoader((ids) => ds.getRepository(Proposal).findBy({ id: In(ids) })),
    revisions: new DataLoader<string, ProposalRevision[]>(async (ids) =>
      groupByKey(
        ids,
        await ds
          .getRepository(ProposalRevision)
          .find({ where: { proposalId: In([...ids]) }, order: { number: 'ASC' } }),
        (r) => r.proposalId,
      ),
    ),
    progressByProposalId: new DataLoader<string, ProgressUpdate[]>(async (ids) =>
      groupByKey(
        ids,
        await ds
          .getRepository(ProgressUpdate)
          .find({ where: { proposalId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (u) => u.proposalId,
      ),
    ),
    figures,
    tally: derivedLoader(figures, (f) => f.tally),
  };
}

export function createProposalLoaders(
  ds: DataSource,
  viewer: Actor | null,
  shared: ReturnType<typeof createProposalSharedLoaders> = createProposalSharedLoaders(ds),
) {
  // Made on first use: a subscriber's event often needs only `byId`.
  let byNeedId: DataLoader<string, Proposal[]> | undefined;
  let viewerVote: DataLoader<string, VoteChoice | null> | undefined;
  return {
    ...shared,
    /** Proposals the viewer may see, by id (null for drafts of others). */
    byId: visibleOnly(shared.rows, (p) => canView(viewer, p)),
    /** Proposals against each need that the viewer may see, newest first. */
    get byNeedId() {
      return (byNeedId ??= new DataLoader<string, Proposal[]>(async (needIds) => {
        const qb = ds
          .getRepository(Proposal)
          .createQueryBuilder('p')
          .where('p.need_id = ANY(:needIds)', { needIds })
          .orderBy('p.created_at', 'DESC');
        if (!hasRole(viewer, Role.FUND_ADMIN)) {
          qb.andWhere(`(p.status <> 'DRAFT' OR p.author_id = :viewerId)`, { viewerId: viewer?.user.id ?? null });
        }
        return groupByKey(needIds, await qb.getMany(), (p) => p.needId);
      }));
    },
    /** The viewer's own vote on each proposal (null without a query for anonymous viewers). */
    get viewerVote() {
      return (viewerVote ??= new DataLoader<string, VoteChoice | null>(async (proposalIds) => {
        if (!viewer) return proposalIds.map(() => null);
        const rows: Array<{ proposal_id: string; choice: VoteChoice }> = await ds.query(
          'SELECT proposal_id, choice FROM votes WHERE user_id = $1 AND proposal_id = ANY($2)',
          [viewer.user.id, proposalIds],
        );
        const map = new Map(rows.map((r) => [r.proposal_id, r.choice]));
        return proposalIds.map((id) => map.get(id) ?? null);
      }));
    },
  };
}
