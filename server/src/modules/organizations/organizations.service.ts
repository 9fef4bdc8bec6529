import { MembershipStatus, type OrganizationType } from '@commonweal/shared';
import type { DataSource } from 'typeorm';
import { conflict, forbidden, notFound } from '../../graphql/errors.js';
import type { Actor } from '../users/actor.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { canManageMembers, canVerify } from './organizations.policy.js';

export class OrganizationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every organization (of a type), by name: the public directory. */
  list(type: OrganizationType | null): Promise<Organization[]> {
    return this.dataSource.getRepository(Organization).find({ where: type ? { type } : {}, order: { name: 'ASC' } });
  }

  /** GOVERNMENT or FUND_ADMIN marks an organization verified; verifying twice changes nothing. */
  async verify(actor: Actor, organizationId: string): Promise<Organization> {
    if (!canVerify(actor)) throw forbidden('Only GOVERNMENT or FUND_ADMIN verify organizations');
    return this.dataSource.transaction(async (em) => {
      const org = await em.findOne(Organization, {
        where: { id: organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!org) throw notFound('Organization');
      if (org.verified) return org;
      org.verified = true;
      org.verifiedById = actor.user.id;
      org.verifiedAt = new Date();
      return em.save(org);
    });
  }

  async decideMembership(actor: Actor, membershipId: string, approve: boolean): Promise<Membership> {
    return this.dataSource.transaction(async (em) => {
      const membership = await em.findOne(Membership, {
        where: { id: membershipId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!membership) throw notFound('Membership');
      const org = await em.findOneByOrFail(Organization, { id: membership.organizationId });
      if (!canManageMembers(actor, org)) {
        throw forbidden('Only a verified member of this organization or a FUND_ADMIN decides memberships');
      }
      if (membership.status !== MembershipStatus.PENDING) throw conflict(`Membership is already ${membership.status}`);
      membership.status = approve ? MembershipStatus.APPROVED : MembershipStatus.REJECTED;
      membership.decidedById = actor.user.id;
      membership.decidedAt = new Date();
      return em.save(membership);
    });
  }
}
