import 'reflect-metadata';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { Comment } from '../modules/comments/comment.entity.js';
import { Fund } from '../modules/funds/fund.entity.js';
import { Neighborhood } from '../modules/funds/neighborhood.entity.js';
import { Need, NeedSupport } from '../modules/needs/need.entity.js';
import { Membership } from '../modules/organizations/membership.entity.js';
import { Organization } from '../modules/organizations/organization.entity.js';
import { Proposal, Vote } from '../modules/proposals/proposal.entity.js';
import { User } from '../modules/users/user.entity.js';
import { Foundation1764100000000 } from './migrations/1764100000000-Foundation.js';

export const ENTITIES = [
  User,
  Organization,
  Membership,
  Fund,
  Neighborhood,
  Need,
  NeedSupport,
  Proposal,
  Vote,
  Comment,
];
export const MIGRATIONS = [Foundation1764100000000];

export interface DataSourceOptions {
  url: string;
  /** Optional SQL logger (tests count statements with it). */
  logger?: TypeOrmLogger;
  poolSize?: number;
}

/** The one way to build a DataSource: migrations, never synchronize. */
export function createDataSource({ url, logger, poolSize = 10 }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: logger ? ['query'] : false,
    ...(logger ? { logger } : {}),
    extra: { max: poolSize },
  });
}
