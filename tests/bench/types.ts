/**
 * What the benchmark sections share. `run.ts` seeds one database, starts the
 * servers each section needs, calls the sections and writes the report.
 */
import type { StartedServer } from '../support/server.js';

/** The seeded data set (see seed.ts). */
export interface Seeded {
  fundId: string;
  /** A proposal in CONSULTATION that subscribers watch and comments go to. */
  hotProposalId: string;
  /** An OPEN campaign donations go to. */
  campaignId: string;
  /** Session tokens of seeded RESIDENT accounts (at least 200), for writers and subscribers. */
  residentTokens: string[];
  counts: { proposals: number; comments: number; residents: number; ledgerEntries: number };
}

export interface BenchContext {
  seeded: Seeded;
  /** The seeded database (postgres URL). */
  databaseUrl: string;
  /** A Redis the multi-instance sections may use. */
  redisUrl: string;
  /** Starts a server process on the seeded database (same JWT secret for all); `env` adds settings. */
  startInstance(env?: Record<string, string>): Promise<StartedServer>;
  /** Quick mode (BENCH_QUICK=1): smaller counts and shorter runs, for trying the suite out. */
  quick: boolean;
  /** Whether a part of the live sections runs ('3a' 1,000 subscribers, '3b' 10,000, '4', '5b'): all by default. */
  runs(part: string): boolean;
}

/** One row of the printed table and of docs/benchmarks.md. */
export interface BenchRow {
  section: string;
  case: string;
  /** Figures by column name, e.g. { 'req/s': 812, 'p50 ms': 11, 'p99 ms': 40 }. */
  figures: Record<string, number | string>;
  /** The target for this row, and whether it was met (null: no target). */
  target?: string;
  met?: boolean | null;
}
