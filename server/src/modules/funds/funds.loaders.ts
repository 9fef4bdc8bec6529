import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { groupByKey, idLoader } from '../shared/loader-utils.js';
import { Fund } from './fund.entity.js';
import { Neighborhood } from './neighborhood.entity.js';

export function createFundLoaders(ds: DataSource) {
  return {
    byId: idLoader((ids) => ds.getRepository(Fund).findBy({ id: In(ids) })),
    neighborhoodById: idLoader((ids) => ds.getRepository(Neighborhood).findBy({ id: In(ids) })),
    neighborhoodsByFundId: new DataLoader<string, Neighborhood[]>(async (fundIds) => {
      const rows = await ds
        .getRepository(Neighborhood)
        .find({ where: { fundId: In([...fundIds]) }, order: { name: 'ASC' } });
      return groupByKey(fundIds, rows, (n) => n.fundId);
    }),
  };
}
