import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import { rateLimited } from './graphql/errors.js';

export type RateLimitConfig = Pick<
  Config,
  | 'LOGIN_MAX_FAILURES_PER_ACCOUNT'
  | 'LOGIN_LOCKOUT_SECONDS'
  | 'LOGIN_MAX_FAILURES_PER_IP'
  | 'MUTATIONS_PER_MINUTE'
  | 'DONATIONS_PER_IP_PER_HOUR'
>;

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The abuse limits, counted where every server instance sees the same
 * counters: in Redis when the platform has one (no write to PostgreSQL per
 * mutation), else in PostgreSQL (rate-limiter-flexible's store, table
 * `rate_limits`). With Redis, PostgreSQL is the insurance: while Redis is
 * away the counters go on there, so the limits never lapse. Each refusal is
 * RATE_LIMITED and says when to try again.
 */
export class RateLimits {
  private readonly failuresByAccount: RateLimiterAbstract;
  private readonly lockoutsByAccount: RateLimiterAbstract;
  private readonly failuresByIp: RateLimiterAbstract;
  private readonly mutationsByCaller: RateLimiterAbstract;
  private readonly donationsByIp: RateLimiterAbstract;

  constructor(
    dataSource: DataSource,
    private readonly config: RateLimitConfig,
    /** A Redis connection without an offline queue (so an outage falls back at once), or null. */
    redis: Redis | null = null,
  ) {
    const store = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
      const postgres = new RateLimiterPostgres({
        storeClient: poolOf(dataSource),
        storeType: 'pool',
        tableName: 'rate_limits',
        tableCreated: true, // by the migration
        keyPrefix,
        points,
        duration,
      });
      if (!redis) return postgres;
      return new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `commonweal:rl:${keyPrefix}`,
        points,
        duration,
        insuranceLimiter: postgres,
      });
    };
    this.failuresByAccount = store('login-fail-account', config.LOGIN_MAX_FAILURES_PER_ACCOUNT, 15 * MINUTE);
    // How often an account was locked today: each lock-out lasts twice as long as the one before.
    this.lockoutsByAccount = store('login-lockouts', 1_000_000, DAY);
    this.failuresByIp = store('login-fail-ip', config.LOGIN_MAX_FAILURES_PER_IP, HOUR);
    this.mutationsByCaller = store('mutations', config.MUTATIONS_PER_MINUTE, MINUTE);
    this.donationsByIp = store('donations-ip', config.DONATIONS_PER_IP_PER_HOUR, HOUR);
  }

  /** Emails can be longer than a counter's key; and they are personal data: counters use a digest. */
  private accountKey(email: string): string {
    return createHash('sha256').update(email).digest('hex');
  }

  /** Before a password is checked: refused while the account is locked out or the address has failed too often. */
  async beforeLogin(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([
      this.failuresByAccount.get(this.accountKey(email)),
      this.failuresByIp.get(ip),
    ]);
    const blocked = [account, address].filter(
      (r): r is RateLimiterRes => r !== null && r.remainingPoints <= 0 && r.msBeforeNext > 0,
    );
    if (blocked.length > 0) {
      throw refusal('Too many failed sign-ins', Math.max(...blocked.map((r) => r.msBeforeNext)));
    }
  }

  /** A wrong password: counts against the account and the address; the account is locked out with backoff. */
  async loginFailed(email: string, ip: string): Promise<void> {
    await this.failuresByIp.penalty(ip, 1);
    const key = this.accountKey(email);
    const account = await this.failuresByAccount.penalty(key, 1);
    if (account.consumedPoints >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
      const lockouts = await this.lockoutsByAccount.penalty(key, 1);
      const seconds = this.config.LOGIN_LOCKOUT_SECONDS * 2 ** Math.min(lockouts.consumedPoints - 1, 10);
      await this.failuresByAccount.block(key, seconds);
    }
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  async loginSucceeded(email: string): Promise<void> {
    await this.failuresByAccount.delete(this.accountKey(email));
  }

  /** Every mutation counts against the signed-in user, or the address of an anonymous caller. */
  async mutation(caller: { userId: string | null; ip: string }): Promise<void> {
    await consume(
      this.mutationsByCaller,
      caller.userId ? `user:${caller.userId}` : `ip:${caller.ip}`,
      'Too many changes',
    );
  }

  async donation(ip: string): Promise<void> {
    await consume(this.donationsByIp, ip, 'Too many donations from this address');
  }
}

async function consume(limiter: RateLimiterAbstract, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw refusal(what, rejection.msBeforeNext);
    throw rejection;
  }
}

function refusal(what: string, msBeforeNext: number) {
  const ms = Math.max(1000, msBeforeNext);
  const seconds = (ms - (ms % 1000)) / 1000 + (ms % 1000 > 0 ? 1 : 0); // whole seconds, rounded up
  return rateLimited(`${what}; try again in ${seconds} s`);
}

/** The pg Pool under TypeORM's PostgreSQL driver. */
function poolOf(dataSource: DataSource): unknown {
  return (dataSource.driver as unknown as { master: unknown }).master;
}
