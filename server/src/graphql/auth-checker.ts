import type { Role } from '@commonweal/shared';
import type { AuthChecker } from 'type-graphql';
import { PARTICIPANT } from '../modules/users/actor.js';
import type { Context } from './context.js';
import { forbidden, unauthenticated } from './errors.js';

/**
 * `@Authorized()` needs a signed-in user; `@Authorized(PARTICIPANT)` one who
 * may act (organization roles through a verified organization);
 * `@Authorized(Role.X, ...)` one of those effective roles. Throws the
 * contract's codes rather than answering false.
 */
export const authChecker: AuthChecker<Context, string> = ({ context }, roles) => {
  const viewer = context.viewer;
  if (!viewer) throw unauthenticated();
  if (roles.length === 0) return true;
  if (viewer.effectiveRole === null) {
    throw forbidden('Your organization membership is pending or your organization is not verified yet');
  }
  if (roles.includes(PARTICIPANT) || roles.includes(viewer.effectiveRole as Role)) return true;
  throw forbidden(`This needs one of these roles: ${roles.filter((r) => r !== PARTICIPANT).join(', ')}`);
};
