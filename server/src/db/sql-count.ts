import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Opt-in (SQL_COUNT_HEADER=true, off by default): how many SQL statements
 * each /graphql request ran, sent back in a response header, so the
 * benchmark suite can count statements per request from outside the server.
 * The TypeORM logger adds to the tally of the request it runs in (the tally
 * follows the request through promises and DataLoader batches). Transaction
 * control (START TRANSACTION, COMMIT, ROLLBACK) is not counted, as in the
 * unit tests' counter.
 */
export const SQL_COUNT_HEADER = 'x-sql-statements';

/** One request's tally; `opened` orders requests (tests count only the requests they started). */
export interface StatementTally {
  statements: number;
  readonly opened: number;
}

const tally = new AsyncLocalStorage<StatementTally>();
let tallies = 0;

/** Runs `work` (and everything it starts) with a statement tally of its own. */
export function countStatementsIn<T>(work: () => T): T {
  tallies += 1;
  return tally.run({ statements: 0, opened: tallies }, work);
}

/** The tally the caller runs in, if any. */
export function currentTally(): StatementTally | undefined {
  return tally.getStore();
}

/** How many tallies have been opened so far in this process. */
export function talliesOpened(): number {
  return tallies;
}

/** The current request's tally; null outside countStatementsIn. */
export function statementsSoFar(): number | null {
  return tally.getStore()?.statements ?? null;
}

const TRANSACTION_CONTROL = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i;

export class StatementCountingLogger implements TypeOrmLogger {
  logQuery(query: string): void {
    const current = tally.getStore();
    if (current && !TRANSACTION_CONTROL.test(query)) current.statements += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
