import { Role } from '@commonweal/shared';
import { createClient, type Client } from 'graphql-ws';
import type { Logger as TypeOrmLogger } from 'typeorm';
import WebSocket from 'ws';
import { createApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { Fund } from '../modules/funds/fund.entity.js';
import { Neighborhood } from '../modules/funds/neighborhood.entity.js';
import { Membership } from '../modules/organizations/membership.entity.js';
import { Organization } from '../modules/organizations/organization.entity.js';
import { hashPassword } from '../modules/users/auth.service.js';
import { User } from '../modules/users/user.entity.js';
import {
  Category,
  MembershipStatus,
  NeighborhoodKind,
  OrganizationType,
  type ProposalStatus,
} from '@commonweal/shared';
import { Proposal } from '../modules/proposals/proposal.entity.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { SqlCounter } from './sql-counter.js';

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

export interface Harness {
  db: TestDatabase;
  app: App;
  url: string;
  wsUrl: string;
  /** POSTs one operation to /graphql, as `token`'s user when given. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GqlResult<T>>;
  /** A graphql-ws client for `token`'s user (closed by close()). */
  ws(token?: string | null): Client;
  close(): Promise<void>;
}

/** Starts the real app (in-process, port 0) on a fresh database. */
export async function startHarness(
  options: { sqlLogger?: TypeOrmLogger; env?: Record<string, string> } = {},
): Promise<Harness> {
  const db = await createTestDatabase(options.sqlLogger);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
    CLIENT_DIST: '/nonexistent',
    // Tests act as a few users from one address: the abuse limits are tested on their own (rate-limits.test.ts).
    MUTATIONS_PER_MINUTE: '100000',
    DONATIONS_PER_IP_PER_HOUR: '100000',
    LOGIN_MAX_FAILURES_PER_IP: '100000',
    // No webhook rounds in the background (their statements would land in whole-process statement counts);
    // the webhook tests set their own pace.
    WEBHOOK_POLL_MS: '3600000',
    // A SqlCounter attributes statements to requests through the server's per-request tally, and counts
    // what executing a query costs: no answers from the public query cache.
    ...(options.sqlLogger instanceof SqlCounter ? { SQL_COUNT_HEADER: 'true', PUBLIC_CACHE_ENTRIES: '0' } : {}),
    ...options.env,
  });
  const app = await createApp({ config, dataSource: db.dataSource, logger: createLogger('silent') });
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  const wsUrl = `ws://127.0.0.1:${port}/graphql`;
  const clients: Client[] = [];
  return {
    db,
    app,
    url,
    wsUrl,
    async gql(query, variables, token) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlResult<any>;
    },
    ws(token) {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await app.close();
      await db.drop();
    },
  };
}

/** Collects the events of one subscription; `next()` waits for the next one. */
export function subscribe<T = Record<string, any>>(client: Client, query: string, variables: Record<string, unknown>) {
  const events: GqlResult<T>[] = [];
  const waiters: Array<(e: GqlResult<T>) => void> = [];
  let error: unknown = null;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        const waiter = waiters.shift();
        if (waiter) waiter(value as GqlResult<T>);
        else events.push(value as GqlResult<T>);
      },
      error: (e) => {
        error = e;
        const waiter = waiters.shift();
        waiter?.({ errors: Array.isArray(e) ? e : [{ message: String((e as Error)?.message ?? e) }] });
      },
      complete: () => {},
    },
  );
  return {
    next(timeoutMs = 5000): Promise<GqlResult<T>> {
      const queued = events.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((e) => {
          clearTimeout(timer);
          resolve(e);
        });
      });
    },
    pending: () => events.length,
    error: () => error,
    dispose,
  };
}

export interface TestUser {
  user: User;
  token: string;
  email: string;
  password: string;
  organization: Organization | null;
}

/** Small factories: the world a test needs, written straight to the database. */
export class Factory {
  private n = 0;
  private hash: Promise<string> | null = null;

  constructor(private readonly h: Harness) {}

  async fund(name = `Fund ${++this.n}`) {
    const em = this.h.db.dataSource.manager;
    const fund = await em.save(em.create(Fund, { name, region: 'Test District', currency: 'CNY', description: null }));
    const neighborhood = await em.save(
      em.create(Neighborhood, { fundId: fund.id, name: `${name} old compound`, kind: NeighborhoodKind.OLD }),
    );
    return { fund, neighborhood };
  }

  async organization(type: OrganizationType, verified = true) {
    const em = this.h.db.dataSource.manager;
    return em.save(em.create(Organization, { name: `Org ${++this.n}`, type, verified, description: null }));
  }

  /** Several users at once, one per role, in order. */
  users<const R extends readonly Role[]>(...roles: R): Promise<{ [K in keyof R]: TestUser }> {
    return Promise.all(roles.map((role) => this.user(role))) as Promise<{ [K in keyof R]: TestUser }>;
  }

  /** A user of `role` with a token; organization roles get an approved membership of a verified organization unless told otherwise. */
  async user(
    role: Role,
    options: { organization?: Organization | null; membership?: MembershipStatus; neighborhoodId?: string } = {},
  ) {
    const em = this.h.db.dataSource.manager;
    this.hash ??= hashPassword('password-123');
    const email = `user${++this.n}-${Date.now()}@test.example`;
    const user = await em.save(
      em.create(User, {
        email,
        passwordHash: await this.hash,
        displayName: `${role.toLowerCase()} ${this.n}`,
        role,
        neighborhoodId: options.neighborhoodId ?? null,
      }),
    );
    const orgType = {
      [Role.ENTERPRISE]: OrganizationType.ENTERPRISE,
      [Role.SOCIAL_ORGANIZATION]: OrganizationType.SOCIAL_ORGANIZATION,
      [Role.GOVERNMENT]: OrganizationType.GOVERNMENT,
    }[role as Role.ENTERPRISE];
    let organization = options.organization;
    if (organization === undefined && orgType) organization = await this.organization(orgType);
    if (organization) {
      await em.save(
        em.create(Membership, {
          userId: user.id,
          organizationId: organization.id,
          status: options.membership ?? MembershipStatus.APPROVED,
        }),
      );
    }
    const token = await this.h.app.services.auth.issueToken(user.id);
    return { user, token, email, password: 'password-123', organization: organization ?? null };
  }
}

export interface ProposalOptions {
  fundId: string;
  authorId: string;
  status: ProposalStatus;
  budgetMinor?: bigint;
  biddingClosesAt?: Date | null;
  consultationEndsAt?: Date | null;
}

/** A proposal already in `status`, written straight to the database (for tests of what comes after). */
export async function seedProposal(h: Harness, o: ProposalOptions): Promise<Proposal> {
  const em = h.db.dataSource.manager;
  return em.save(
    em.create(Proposal, {
      fundId: o.fundId,
      authorId: o.authorId,
      title: `Proposal in ${o.status}`,
      summary: 'A summary long enough',
      body: 'The body of the proposal',
      category: Category.ELDERLY_CARE,
      status: o.status,
      budgetMinor: o.budgetMinor ?? 1_000_000n,
      consultationEndsAt: o.consultationEndsAt ?? null,
      biddingClosesAt: o.biddingClosesAt ?? null,
    }),
  );
}

export const errorCode = (result: GqlResult): string | undefined => result.errors?.[0]?.extensions?.code;
