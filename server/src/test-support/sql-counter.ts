import type { Logger as TypeOrmLogger } from 'typeorm';
import { currentTally, talliesOpened } from '../db/sql-count.js';

const TRANSACTION_CONTROL = /^(START TRANSACTION|COMMIT|ROLLBACK)/i;

/**
 * A TypeORM logger that counts the SQL statements it sees while counting is
 * on. startHarness gives every /graphql request a tally of its own when this
 * logger is used, so `measure` counts only the statements of the requests
 * its work sent: background work (the event bus's sweeps, deliveries that
 * finish after an earlier mutation answered) cannot slip into a count.
 */
export class SqlCounter implements TypeOrmLogger {
  private counting = false;
  private seen: Array<{ query: string; request: number | null }> = [];

  /** The statements of the /graphql requests that `work` sends. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }> {
    const before = talliesOpened();
    const { result, seen } = await this.watch(work);
    const statements = seen.filter((s) => s.request !== null && s.request > before).map((s) => s.query);
    if (statements.length === 0) {
      throw new Error('No request statements counted: was the harness started with this SqlCounter as its sqlLogger?');
    }
    return { result, count: statements.length, statements };
  }

  /** Every statement the process runs while `work` runs (for work that is not a request, e.g. a live delivery). */
  async measureAll<T>(work: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }> {
    const { result, seen } = await this.watch(work);
    const statements = seen.map((s) => s.query);
    return { result, count: statements.length, statements };
  }

  private async watch<T>(work: () => Promise<T>) {
    this.seen = [];
    this.counting = true;
    try {
      const result = await work();
      return { result, seen: [...this.seen] };
    } finally {
      this.counting = false;
    }
  }

  logQuery(query: string): void {
    if (this.counting && !TRANSACTION_CONTROL.test(query)) {
      this.seen.push({ query, request: currentTally()?.opened ?? null });
    }
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
