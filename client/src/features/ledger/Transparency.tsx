import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LedgerEntryLiveDocument, TransparencyFundDocument } from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';
import { money } from '../common/format';
import { WithCurrentFund } from '../funds/WithCurrentFund';
import { FundReportSection } from './FundReportSection';
import { addEntryToLedger } from './ledgerCache';
import { LedgerTable } from './LedgerTable';
import { LedgerTicker } from './LedgerTicker';
import { VerifyLedgerPanel } from './VerifyLedgerPanel';

/** The public transparency page of the current fund. */
export function Transparency() {
  return <WithCurrentFund>{(fund) => <TransparencyView fundId={fund.id} currency={fund.currency} />}</WithCurrentFund>;
}

function TransparencyView({ fundId, currency }: { fundId: string; currency: string }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const { data, error, refetch } = useQuery(TransparencyFundDocument, { variables: { fundId } });
  // Postings that arrived while the page is open: they slide in at the top of the ticker and the table.
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  useSubscription(LedgerEntryLiveDocument, {
    variables: { fundId },
    onData: ({ data: event }) => {
      const entry = event.data?.ledgerEntryPosted;
      if (!entry) return;
      // The payload is normalized (the entry, and the fund's new totals); add it to the cached lists.
      addEntryToLedger(client.cache, fundId, entry);
      setFresh((current) => new Set(current).add(entry.id));
    },
  });
  const fund = data?.fund;

  return (
    <div className="stack-lg">
      <header className="stack">
        <h1>{t('ledger.title')}</h1>
        <p className="lead">{t('ledger.intro')}</p>
      </header>

      {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      <section aria-label={t('ledger.figures')} className="stat-grid stat-grid-3">
        <div className="stat stat-primary" data-testid="balance">
          <span className="stat-label">{t('fund.balance')}</span>
          <span className="stat-value money">{fund ? money(fund.balance) : '…'}</span>
        </div>
        <div className="stat">
          <span className="stat-label">{t('fund.totalRaised')}</span>
          <span className="stat-value money">{fund ? money(fund.totalRaised) : '…'}</span>
        </div>
        <div className="stat">
          <span className="stat-label">{t('fund.totalDisbursed')}</span>
          <span className="stat-value money">{fund ? money(fund.totalDisbursed) : '…'}</span>
        </div>
      </section>

      <div className="two-col">
        <LedgerTicker fundId={fundId} fresh={fresh} />
        <div className="stack">
          <VerifyLedgerPanel fundId={fundId} />
          <section className="card" aria-labelledby="payments-link-title">
            <h2 id="payments-link-title">{t('disbursements.title')}</h2>
            <p className="muted small">{t('ledger.paymentsIntro')}</p>
            <Link to="/disbursements">{t('ledger.seePayments')} →</Link>
          </section>
        </div>
      </div>

      <FundReportSection fundId={fundId} currency={currency} />

      <LedgerTable fundId={fundId} fresh={fresh} />
    </div>
  );
}
