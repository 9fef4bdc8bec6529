import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { isFundSide } from '../proposals/proposals.policy.js';
import { groupByKey, idLoader } from '../shared/loader-utils.js';
import type { Actor } from '../users/actor.js';
import { Feedback, FeedbackResponse } from './feedback.entity.js';
import { canViewFeedback } from './feedback.policy.js';
import { FEEDBACK_LIST_LIMIT, responsivenessOf, type Responsiveness } from './feedback.service.js';

export function createFeedbackLoaders(ds: DataSource, viewer: Actor | null) {
  const viewerId = viewer?.user.id ?? null;
  return {
    /** Feedback the viewer may read, by id (null otherwise). */
    byId: idLoader(async (ids) =>
      (await ds.getRepository(Feedback).findBy({ id: In(ids) })).filter((f) => canViewFeedback(viewer, f)),
    ),
    /** Each proposal's feedback that the viewer may read, newest first. */
    byProposalId: new DataLoader<string, Feedback[]>(async (proposalIds) => {
      const qb = ds
        .getRepository(Feedback)
        .createQueryBuilder('f')
        .where('f.proposal_id = ANY(:proposalIds)', { proposalIds })
        .orderBy('f.created_at', 'DESC');
      if (!isFundSide(viewer)) {
        qb.andWhere(`(f.status <> 'RECEIVED' OR f.author_id = :viewerId)`, { viewerId });
      }
      return groupByKey(proposalIds, await qb.getMany(), (f) => f.proposalId!).map((list) =>
        list.slice(0, FEEDBACK_LIST_LIMIT),
      );
    }),
    responses: new DataLoader<string, FeedbackResponse[]>(async (ids) =>
      groupByKey(
        ids,
        await ds
          .getRepository(FeedbackResponse)
          .find({ where: { feedbackId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (r) => r.feedbackId,
      ),
    ),
    responsivenessByFundId: new DataLoader<string, Responsiveness>((fundIds) => responsivenessOf(ds, fundIds)),
  };
}
