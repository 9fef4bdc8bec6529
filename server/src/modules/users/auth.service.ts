import { MembershipStatus, Role } from '@commonweal/shared';
import argon2 from 'argon2';
import { jwtVerify, SignJWT } from 'jose';
import type { RateLimits } from '../../rate-limits.js';
import type { DataSource } from 'typeorm';
import { AppError, badInput, conflict, notFound, unauthenticated } from '../../graphql/errors.js';
import { Neighborhood } from '../funds/neighborhood.entity.js';
import { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { ORG_TYPES_FOR_ROLE } from './actor.js';
import { User } from './user.entity.js';

export interface RegisterData {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  neighborhoodId?: string | null;
  organizationId?: string | null;
  newOrganization?: { name: string; description?: string | null } | null;
}

export interface AuthResult {
  token: string;
  user: User;
}

/**
 * A hash of a random password: verifying against it costs what a real check
 * costs, so timing does not reveal which accounts exist. Made on first use,
 * not at start-up.
 */
let dummyHash: Promise<string> | null = null;
const timingGuardHash = (): Promise<string> => (dummyHash ??= argon2.hash('not-a-real-password-timing-guard'));

export class AuthService {
  private readonly key: Uint8Array;

  constructor(
    private readonly dataSource: DataSource,
    secret: string,
    private readonly ttlSeconds: number,
    private readonly rateLimits: RateLimits,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async register(data: RegisterData): Promise<AuthResult> {
    const email = data.email.trim().toLowerCase();
    if (data.role === Role.FUND_ADMIN) {
      throw badInput('role', 'FUND_ADMIN accounts are never self-registered');
    }
    const orgTypes = ORG_TYPES_FOR_ROLE[data.role];
    if (!orgTypes && (data.organizationId || data.newOrganization)) {
      throw badInput('organizationId', 'Residents do not join organizations');
    }
    if (orgTypes && !!data.organizationId === !!data.newOrganization) {
      throw badInput('organizationId', 'Give either organizationId or newOrganization, not both or neither');
    }
    if (data.neighborhoodId && data.role !== Role.RESIDENT) {
      throw badInput('neighborhoodId', 'Only residents give a neighborhood');
    }
    const passwordHash = await argon2.hash(data.password);

    const user = await this.dataSource.transaction(async (em) => {
      if (await em.existsBy(User, { email })) throw conflict('An account with this email already exists');
      if (data.neighborhoodId && !(await em.existsBy(Neighborhood, { id: data.neighborhoodId }))) {
        throw notFound('Neighborhood');
      }
      let organizationId: string | null = null;
      let status = MembershipStatus.PENDING;
      if (data.organizationId) {
        const org = await em.findOneBy(Organization, { id: data.organizationId });
        if (!org) throw notFound('Organization');
        if (!orgTypes?.includes(org.type)) {
          throw badInput('organizationId', `A ${data.role} account cannot join a ${org.type} organization`);
        }
        organizationId = org.id;
      } else if (data.newOrganization && orgTypes) {
        const name = data.newOrganization.name.trim();
        const taken: unknown[] = await em.query('SELECT 1 FROM organizations WHERE lower(name) = lower($1)', [name]);
        if (taken.length > 0) throw conflict('An organization with this name already exists');
        const org = await em.save(
          em.create(Organization, {
            name,
            type: orgTypes[0],
            description: data.newOrganization.description?.trim() || null,
            verified: false,
          }),
        );
        organizationId = org.id;
        // The founder of a new organization is its first member; the organization itself still awaits verification.
        status = MembershipStatus.APPROVED;
      }
      const created = await em.save(
        em.create(User, {
          email,
          passwordHash,
          displayName: data.displayName.trim(),
          role: data.role,
          neighborhoodId: data.neighborhoodId ?? null,
        }),
      );
      if (organizationId) {
        await em.save(em.create(Membership, { userId: created.id, organizationId, status }));
      }
      return created;
    });
    return { token: await this.issueToken(user.id), user };
  }

  /**
   * Signs in from `ip`. Failures count against the account (locked out with
   * doubling backoff) and the address; a locked account is refused before its
   * password is even checked.
   */
  async login(emailInput: string, password: string, ip: string): Promise<AuthResult> {
    const email = emailInput.trim().toLowerCase();
    await this.rateLimits.beforeLogin(email, ip);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const valid = user
      ? await argon2.verify(user.passwordHash, password)
      : await argon2.verify(await timingGuardHash(), password).then(() => false);
    if (!user || !valid) {
      await this.rateLimits.loginFailed(email, ip);
      throw unauthenticated('Invalid email or password');
    }
    await this.rateLimits.loginSucceeded(email);
    return { token: await this.issueToken(user.id), user };
  }

  issueToken(userId: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** The user id in a valid token; UNAUTHENTICATED for a bad or expired one. */
  async verifyToken(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      if (!payload.sub) throw new Error('no subject');
      return payload.sub;
    } catch {
      throw new AppError(unauthenticated().code, 'Your session is invalid or has expired; sign in again');
    }
  }
}

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password);
}
