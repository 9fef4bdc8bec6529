import { Role, type VoteChoice } from '@commonweal/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { groupByKey, idLoader } from '../shared/loader-utils.js';
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

export function createProposalLoaders(ds: DataSource, viewer: Actor | null) {
  return {
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
    /** Proposals the viewer may see, by id (null for drafts of others). */
    byId: idLoader(async (ids) =>
      (await ds.getRepository(Proposal).findBy({ id: In(ids) })).filter((p) => canView(viewer, p)),
    ),
    /** Proposals against each need that the viewer may see, newest first. */
    byNeedId: new DataLoader<string, Proposal[]>(async (needIds) => {
      const qb = ds
        .getRepository(Proposal)
        .createQueryBuilder('p')
        .where('p.need_id = ANY(:needIds)', { needIds })
        .orderBy('p.created_at', 'DESC');
      if (!hasRole(viewer, Role.FUND_ADMIN)) {
        qb.andWhere(`(p.status <> 'DRAFT' OR p.author_id = :viewerId)`, { viewerId: viewer?.user.id ?? null });
      }
      return groupByKey(needIds, await qb.getMany(), (p) => p.needId);
    }),
    tally: new DataLoader<string, Tally>(async (proposalIds) => {
      const rows: Array<{ proposal_id: string; support: number; oppose: number; assisted: number }> = await ds.query(
        `SELECT proposal_id,
                count(*) FILTER (WHERE choice = 'SUPPORT')::int AS support,
                count(*) FILTER (WHERE choice = 'OPPOSE')::int AS oppose,
                count(recorded_by)::int AS assisted
           FROM votes WHERE proposal_id = ANY($1) GROUP BY proposal_id`,
        [proposalIds],
      );
      const map = new Map(rows.map(({ proposal_id, ...tally }) => [proposal_id, tally]));
      return proposalIds.map((id) => map.get(id) ?? { support: 0, oppose: 0, assisted: 0 });
    }),
    /** The viewer's own vote on each proposal (null without a query for anonymous viewers). */
    viewerVote: new DataLoader<string, VoteChoice | null>(async (proposalIds) => {
      if (!viewer) return proposalIds.map(() => null);
      const rows: Array<{ proposal_id: string; choice: VoteChoice }> = await ds.query(
        'SELECT proposal_id, choice FROM votes WHERE user_id = $1 AND proposal_id = ANY($2)',
        [viewer.user.id, proposalIds],
      );
      const map = new Map(rows.map((r) => [r.proposal_id, r.choice]));
      return proposalIds.map((id) => map.get(id) ?? null);
    }),
  };
}
