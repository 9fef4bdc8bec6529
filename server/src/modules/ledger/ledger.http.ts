import { toMajorString } from '@commonweal/shared';
import { stringify } from 'csv-stringify';
import { Router, type Response } from 'express';
import { MoreThan, type DataSource } from 'typeorm';
import { Fund } from '../funds/fund.entity.js';
import type { Logger } from '../../logger.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import type { LedgerService } from './ledger.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BATCH = 1000;

function parseDate(value: unknown): Date | null | 'bad' {
  if (value === undefined || value === '') return null;
  const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
  return Number.isNaN(date.getTime()) ? 'bad' : date;
}

/**
 * Public CSV exports, streamed: /api/funds/:id/ledger.csv (every entry, oldest
 * first, fetched in batches) and /api/funds/:id/report.csv?from=&to=.
 * Amounts are exact decimal strings in major units.
 */
export function ledgerCsvRouter(deps: { dataSource: DataSource; ledger: LedgerService; logger: Logger }): Router {
  const router = Router();

  async function fundOr404(id: string, res: Response): Promise<Fund | null> {
    if (!UUID.test(id)) {
      res.status(400).json({ error: 'Not a fund id' });
      return null;
    }
    const fund = await deps.dataSource.getRepository(Fund).findOneBy({ id });
    if (!fund) res.status(404).json({ error: 'Fund not found' });
    return fund;
  }

  function startCsv(res: Response, filename: string) {
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${filename}"`);
    const csv = stringify({ bom: true });
    csv.pipe(res);
    return csv;
  }

  router.get('/api/funds/:id/ledger.csv', async (req, res) => {
    const fund = await fundOr404(req.params.id, res);
    if (!fund) return;
    const csv = startCsv(res, `ledger-${fund.id}.csv`);
    csv.write([
      'sequence',
      'occurred_at',
      'kind',
      'direction',
      'amount',
      'balance_after',
      'currency',
      'counterparty',
      'memo',
      'proposal_id',
      'hash',
      'previous_hash',
    ]);
    try {
      let after = 0;
      for (;;) {
        const batch = await deps.dataSource.getRepository(LedgerEntry).find({
          where: { fundId: fund.id, sequence: MoreThan(after) },
          order: { sequence: 'ASC' },
          take: BATCH,
        });
        for (const e of batch) {
          const line = [
            e.sequence,
            e.occurredAt.toISOString(),
            e.kind,
            e.direction,
            toMajorString(e.amountMinor, fund.currency),
            toMajorString(e.balanceAfterMinor, fund.currency),
            fund.currency,
            e.counterparty,
            e.memo,
            e.proposalId ?? '',
            e.hash,
            e.previousHash ?? '',
          ];
          if (!csv.write(line)) await new Promise((resolve) => csv.once('drain', resolve));
        }
        if (batch.length < BATCH) break;
        after = batch.at(-1)!.sequence;
      }
      csv.end();
    } catch (error) {
      deps.logger.error({ err: error }, 'ledger csv export failed');
      csv.destroy(error as Error);
    }
  });

  router.get('/api/funds/:id/report.csv', async (req, res) => {
    const from = parseDate(req.query['from']);
    const to = parseDate(req.query['to']);
    if (from === 'bad' || to === 'bad') {
      res.status(400).json({ error: 'from and to must be ISO dates' });
      return;
    }
    const fund = await fundOr404(req.params.id, res);
    if (!fund) return;
    let report;
    try {
      report = await deps.ledger.report(fund, from, to);
    } catch (error) {
      res.status(400).json({ error: (error as Error).message });
      return;
    }
    const csv = startCsv(res, `report-${fund.id}.csv`);
    csv.write(['section', 'name', 'in', 'out', 'currency']);
    csv.write(['total', fund.name, report.totalIn.amount, report.totalOut.amount, fund.currency]);
    for (const c of report.byCategory)
      csv.write(['category', c.category, c.raised.amount, c.spent.amount, fund.currency]);
    for (const s of report.bySource) csv.write(['source', s.source, s.amount.amount, '', fund.currency]);
    for (const m of report.monthly) csv.write(['month', m.month, m.totalIn.amount, m.totalOut.amount, fund.currency]);
    for (const p of report.byProposal)
      csv.write(['proposal', p.proposalId, p.raised.amount, p.spent.amount, fund.currency]);
    csv.end();
  });

  return router;
}
