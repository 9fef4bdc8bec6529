import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { groupByKey } from '../shared/loader-utils.js';
import { Partnership } from './partnership.entity.js';

export function createPartnershipLoaders(ds: DataSource) {
  const repo = ds.getRepository(Partnership);
  return {
    byOrganizationId: new DataLoader<string, Partnership[]>(async (ids) =>
      groupByKey(
        ids,
        await repo.find({ where: { organizationId: In([...ids]) }, order: { createdAt: 'DESC' } }),
        (p) => p.organizationId,
      ),
    ),
  };
}
