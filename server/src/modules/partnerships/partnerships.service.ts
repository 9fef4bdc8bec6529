import { PartnershipKind, PartnershipStatus } from '@commonweal/shared';
import type { DataSource } from 'typeorm';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { Fund } from '../funds/fund.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { isFundSide } from '../proposals/proposals.policy.js';
import type { Actor } from '../users/actor.js';
import { Partnership } from './partnership.entity.js';
import { canSeePartnership, isOrganizationSide, partnershipMachine } from './partnerships.policy.js';

export interface ProposePartnershipData {
  fundId: string;
  organizationId: string;
  title: string;
  commitments: string;
  startsOn?: Date | null;
  endsOn?: Date | null;
}

export class PartnershipsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A STRATEGIC partnership proposed by the fund's side (FUND_ADMIN,
   * GOVERNMENT) to a verified organization, or by a member of that
   * organization to the fund; the other side answers.
   */
  propose(actor: Actor, data: ProposePartnershipData): Promise<Partnership> {
    const startsOn = data.startsOn ?? null;
    const endsOn = data.endsOn ?? null;
    if (startsOn && endsOn && endsOn <= startsOn) throw badInput('endsOn', 'endsOn must be after startsOn');
    if (endsOn && endsOn <= new Date()) throw badInput('endsOn', 'endsOn must be in the future');
    const proposedByFund = isFundSide(actor);
    if (!proposedByFund && !isOrganizationSide(actor, data.organizationId)) {
      throw forbidden('Only the fund’s side or a member of that organization proposes a partnership');
    }
    return this.dataSource.transaction(async (em) => {
      if (!(await em.existsBy(Fund, { id: data.fundId }))) throw notFound('Fund');
      const organization = await em.findOneBy(Organization, { id: data.organizationId });
      if (!organization) throw notFound('Organization');
      if (!organization.verified) throw conflict('Partnerships are made with verified organizations only');
      return em.save(
        em.create(Partnership, {
          fundId: data.fundId,
          organizationId: organization.id,
          kind: PartnershipKind.STRATEGIC,
          title: data.title.trim(),
          commitments: data.commitments.trim(),
          proposalId: null,
          status: PartnershipStatus.PROPOSED,
          startsOn,
          endsOn,
          proposedById: actor.user.id,
          proposedByFund,
        }),
      );
    });
  }

  respond(actor: Actor, partnershipId: string, accept: boolean): Promise<Partnership> {
    return this.dataSource.transaction(async (em) => {
      const p = await em.findOne(Partnership, { where: { id: partnershipId }, lock: { mode: 'pessimistic_write' } });
      if (!p || !canSeePartnership(actor, p)) throw notFound('Partnership');
      p.status = partnershipMachine.transition(actor, p, accept ? 'accept' : 'decline');
      p.respondedById = actor.user.id;
      p.respondedAt = new Date();
      return em.save(p);
    });
  }

  /** A fund's partnerships the viewer may see; ENDED means ACTIVE with endsOn passed. */
  async list(viewer: Actor | null, fundId: string, status: PartnershipStatus | null): Promise<Partnership[]> {
    const qb = this.dataSource
      .getRepository(Partnership)
      .createQueryBuilder('p')
      .where('p.fund_id = :fundId', { fundId })
      .orderBy('p.created_at', 'DESC');
    const shown = `CASE WHEN p.status = 'ACTIVE' AND p.ends_on <= now() THEN 'ENDED' ELSE p.status END`;
    if (status) qb.andWhere(`${shown} = :status`, { status });
    return (await qb.getMany()).filter((p) => canSeePartnership(viewer, p));
  }
}
