import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import type { AppPubSub } from './graphql/pubsub.js';
import { CommentsService } from './modules/comments/comments.service.js';
import { NeedsService } from './modules/needs/needs.service.js';
import { OrganizationsService } from './modules/organizations/organizations.service.js';
import { ProposalsService } from './modules/proposals/proposals.service.js';
import { AuthService } from './modules/users/auth.service.js';

/** The domain services, stateless and shared: GraphQL, the seed and the tests call the same rules. */
export function createServices(
  ds: DataSource,
  pubsub: AppPubSub,
  config: Pick<Config, 'jwtSecret' | 'JWT_TTL_SECONDS'>,
) {
  const proposals = new ProposalsService(ds, pubsub);
  return {
    auth: new AuthService(ds, config.jwtSecret, config.JWT_TTL_SECONDS),
    organizations: new OrganizationsService(ds),
    needs: new NeedsService(ds),
    proposals,
    comments: new CommentsService(ds, pubsub, proposals),
  };
}

export type Services = ReturnType<typeof createServices>;
