import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { createLogger } from '../logger.js';
import { Fund } from '../modules/funds/fund.entity.js';
import { LedgerService } from '../modules/ledger/ledger.service.js';

/**
 * `npm run ledger:verify [fundId]`: re-checks every fund's hash-chained
 * ledger (or one fund's) against the database the server uses, prints the
 * result per fund, and exits 1 when any ledger does not check out.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, createLogger('warn'));
  try {
    const only = process.argv[2];
    const funds = await database.dataSource.getRepository(Fund).find(only ? { where: { id: only } } : {});
    if (only && funds.length === 0) throw new Error(`No fund ${only}`);
    const ledger = new LedgerService(database.dataSource);
    let allValid = true;
    for (const fund of funds) {
      const result = await ledger.verify(fund.id);
      allValid &&= result.valid;
      console.log(
        result.valid
          ? `OK      ${fund.name}: ${result.entriesChecked} entries verified`
          : `BROKEN  ${fund.name}: entry ${result.firstBrokenSequence}: ${result.problem} (${result.entriesChecked} verified before it)`,
      );
    }
    process.exitCode = allValid ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
