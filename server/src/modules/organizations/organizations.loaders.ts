import { MembershipStatus } from '@commonweal/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { byKey, groupByKey, idLoader } from '../shared/loader-utils.js';
import { User } from '../users/user.entity.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';

export function createOrganizationLoaders(ds: DataSource) {
  return {
    byId: idLoader((ids) => ds.getRepository(Organization).findBy({ id: In(ids) })),
    /** Approved members of each organization. */
    membersByOrgId: new DataLoader<string, User[]>(async (orgIds) => {
      const rows = await ds
        .getRepository(User)
        .createQueryBuilder('u')
        .innerJoinAndMapOne('u.membership', Membership, 'm', 'm.user_id = u.id')
        .where('m.organization_id = ANY(:orgIds) AND m.status = :approved', {
          orgIds,
          approved: MembershipStatus.APPROVED,
        })
        .orderBy('m.created_at', 'ASC')
        .getMany();
      return groupByKey(orgIds, rows as Array<User & { membership: Membership }>, (u) => u.membership.organizationId);
    }),
    pendingMembershipsByOrgId: new DataLoader<string, Membership[]>(async (orgIds) => {
      const rows = await ds.getRepository(Membership).find({
        where: { organizationId: In([...orgIds]), status: MembershipStatus.PENDING },
        order: { createdAt: 'ASC' },
      });
      return groupByKey(orgIds, rows, (m) => m.organizationId);
    }),
    membershipByUserId: new DataLoader<string, Membership | null>(async (userIds) => {
      const rows = await ds.getRepository(Membership).findBy({ userId: In([...userIds]) });
      return byKey(userIds, rows, (m) => m.userId);
    }),
  };
}
