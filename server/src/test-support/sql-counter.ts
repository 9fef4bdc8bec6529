import type { Logger as TypeOrmLogger } from 'typeorm';

/** A TypeORM logger that counts the SQL statements it sees while counting is on. */
export class SqlCounter implements TypeOrmLogger {
  private counting = false;
  statements: string[] = [];

  async measure<T>(work: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }> {
    this.statements = [];
    this.counting = true;
    try {
      const result = await work();
      return { result, count: this.statements.length, statements: [...this.statements] };
    } finally {
      this.counting = false;
    }
  }

  logQuery(query: string): void {
    if (this.counting && !/^(START TRANSACTION|COMMIT|ROLLBACK)/i.test(query)) this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
