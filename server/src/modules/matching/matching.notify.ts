import { NotificationKind, ProposalStatus, type OrganizationType } from '@commonweal/shared';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../../graphql/pubsub.js';
import { notify } from '../notifications/notify.js';
import type { Proposal } from '../proposals/proposal.entity.js';
import { loadCandidates } from './matching.facts.js';
import { DELIVERER_TYPES, rankCandidates, SPONSOR_TYPES } from './matching.rank.js';

/** How many of the best-fitting organizations hear of a proposal that opens to them. */
export const NOTIFIED_MATCHES = 20;

/** The statuses in which a proposal opens to a kind of organization: sponsorship, then bids. */
const OPENS_TO: Partial<Record<ProposalStatus, readonly OrganizationType[]>> = {
  [ProposalStatus.CONSULTATION]: SPONSOR_TYPES,
  [ProposalStatus.BIDDING]: DELIVERER_TYPES,
};

/**
 * A proposal just opened for sponsorship (consultation) or for bids
 * (bidding): the approved members of the best-fitting organizations of that
 * kind are told, inside the transaction that opened it.
 */
export async function notifyMatchingOrganizations(
  em: EntityManager,
  emit: (event: DomainEvent) => void,
  proposal: Proposal,
  actorId: string,
): Promise<void> {
  const types = OPENS_TO[proposal.status];
  if (!types) return;
  const [place] = (await em.query(
    `SELECT f.currency, n.neighborhood_id, nb.name AS neighborhood_name
       FROM funds f
       LEFT JOIN needs n ON n.id = $2
       LEFT JOIN neighborhoods nb ON nb.id = n.neighborhood_id
      WHERE f.id = $1`,
    [proposal.fundId, proposal.needId],
  )) as Array<{ currency: string; neighborhood_id: string | null; neighborhood_name: string | null }>;
  const ranked = rankCandidates(
    {
      category: proposal.category,
      neighborhoodId: place?.neighborhood_id ?? null,
      neighborhoodName: place?.neighborhood_name ?? null,
      budgetMinor: proposal.budgetMinor,
      currency: place?.currency ?? null,
    },
    await loadCandidates(em, types),
    NOTIFIED_MATCHES,
  );
  if (ranked.length === 0) return;
  const members = (await em.query(
    `SELECT user_id FROM memberships WHERE organization_id = ANY($1::uuid[]) AND status = 'APPROVED'`,
    [ranked.map((r) => r.candidate.id)],
  )) as Array<{ user_id: string }>;
  await notify(
    em,
    emit,
    members.map((m) => m.user_id),
    {
      kind: NotificationKind.MATCHING_PROPOSAL_OPENED,
      actorId,
      proposalId: proposal.id,
      subjectId: proposal.id,
      title: proposal.title,
      status: proposal.status,
    },
  );
}
