import { randomUUID } from 'node:crypto';
import { createLogger } from './logger.js';
import { RateLimits, type RateLimitConfig } from './rate-limits.js';
import { connectRedis, disconnectRedis } from './redis.js';
import { createTestDatabase, type TestDatabase } from './test-support/db.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const logger = createLogger('silent');
const config: RateLimitConfig = {
  LOGIN_MAX_FAILURES_PER_ACCOUNT: 3,
  LOGIN_LOCKOUT_SECONDS: 60,
  LOGIN_MAX_FAILURES_PER_IP: 100,
  MUTATIONS_PER_MINUTE: 100,
  DONATIONS_PER_IP_PER_HOUR: 3,
};

describe('rate limits with Redis', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'OK',
      (e: { code?: string }) => e.code ?? String(e),
    );

  it('counts in Redis, shared by every instance, and writes nothing to PostgreSQL', async () => {
    const redis = connectRedis(REDIS_URL, 'test-rate-limits', logger);
    await new Promise((resolve) => redis.once('ready', resolve));
    try {
      const [one, two] = [new RateLimits(db.dataSource, config, redis), new RateLimits(db.dataSource, config, redis)];
      const ip = `203.0.113.9-${randomUUID()}`; // a fresh counter per run
      const results = [];
      for (const limits of [one, two, one, two]) results.push(await codeOf(limits.donation(ip)));
      expect(results).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
      expect(Number(await redis.get(`commonweal:rl:donations-ip:${ip}`))).toBe(4);
      const rows = await db.dataSource.query(`SELECT count(*)::int AS n FROM rate_limits WHERE key LIKE '%' || $1`, [
        ip,
      ]);
      expect(rows[0].n).toBe(0);
    } finally {
      await disconnectRedis(redis);
    }
  });

  it('while Redis is away the limits go on in PostgreSQL', async () => {
    const gone = connectRedis('redis://127.0.0.1:1', 'test-rate-limits-gone', logger); // nothing listens there
    try {
      const limits = new RateLimits(db.dataSource, config, gone);
      const ip = `198.51.100.7-${randomUUID()}`;
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await codeOf(limits.donation(ip)));
      expect(results).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
      const rows = await db.dataSource.query(`SELECT points FROM rate_limits WHERE key LIKE '%' || $1`, [ip]);
      expect(rows).toHaveLength(1);
    } finally {
      await disconnectRedis(gone);
    }
  });
});
