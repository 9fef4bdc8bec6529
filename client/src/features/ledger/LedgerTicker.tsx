import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LedgerDocument, type LedgerEntryFieldsFragment } from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime, money } from '../common/format';
import { Loading } from '../common/Loading';
import { counterpartyName, signedAmount } from './ledgerFormat';

/** The table's page size: the ticker reads the same first page, so both share one cached list. */
export const LEDGER_PAGE = 20;
const TICKER_SIZE = 5;

/**
 * The newest postings, newest on top. Entries that arrive while the page is open slide in (`fresh`);
 * screen readers hear each addition politely.
 */
export function LedgerTicker({ fundId, fresh }: { fundId: string; fresh: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(LedgerDocument, { variables: { fundId, first: LEDGER_PAGE } });
  const entries = data?.ledger.nodes.slice(0, TICKER_SIZE) ?? [];

  return (
    <section className="card ticker" aria-labelledby="ticker-title">
      <div className="ticker-head">
        <h2 id="ticker-title">{t('ledger.tickerTitle')}</h2>
        <span className="live-dot">{t('common.live')}</span>
      </div>
      {loading && !data ? <Loading /> : null}
      {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      {data && entries.length === 0 ? <p className="empty">{t('ledger.empty')}</p> : null}
      <ol className="ticker-list" data-testid="ledger-ticker" aria-live="polite" aria-relevant="additions">
        {entries.map((entry) => (
          <TickerItem key={entry.id} entry={entry} fresh={fresh.has(entry.id)} />
        ))}
      </ol>
    </section>
  );
}

function TickerItem({ entry, fresh }: { entry: LedgerEntryFieldsFragment; fresh: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={`ticker-item${fresh ? ' ticker-item-new' : ''}`} data-testid="ledger-entry">
      <span className="ticker-top">
        <span className={`ticker-amount money direction-${entry.direction.toLowerCase()}`}>
          <span className="visually-hidden">{t(`ledgerDirection.${entry.direction}`)} </span>
          {signedAmount(entry)}
        </span>
        <span className="tag tag-small">{t(`ledgerKind.${entry.kind}`)}</span>
      </span>
      <span className="ticker-text">
        {counterpartyName(entry, t('campaigns.anonymousDonor'))}
        {entry.proposal ? (
          <>
            {' · '}
            <Link to={`/proposals/${entry.proposal.id}`}>{entry.proposal.title}</Link>
          </>
        ) : null}
      </span>
      <span className="ticker-meta muted small">
        #{entry.sequence} · <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, i18n.language)}</time> ·{' '}
        {t('ledger.balanceAfterShort', { amount: money(entry.balanceAfter) })}
      </span>
    </li>
  );
}
