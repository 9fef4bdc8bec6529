import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LedgerDocument, type LedgerEntryFieldsFragment } from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime, money } from '../common/format';
import { Loading } from '../common/Loading';
import { LEDGER_PAGE } from './LedgerTicker';
import { counterpartyName, shortHash, signedAmount } from './ledgerFormat';

/** Every posting, newest first, page by page; on phones each row is a small labelled card. */
export function LedgerTable({ fundId, fresh }: { fundId: string; fresh: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch, fetchMore } = useQuery(LedgerDocument, {
    variables: { fundId, first: LEDGER_PAGE },
  });
  const ledger = data?.ledger;

  return (
    <section className="card" aria-labelledby="ledger-title">
      <h2 id="ledger-title">{t('ledger.tableTitle')}</h2>
      <p className="muted small">{t('ledger.tableIntro')}</p>
      {loading && !data ? <Loading /> : null}
      {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      {ledger && ledger.nodes.length === 0 ? <p className="empty">{t('ledger.empty')}</p> : null}
      {ledger && ledger.nodes.length > 0 ? (
        <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-labelledby="ledger-caption">
          <table className="data-table ledger-table">
            <caption id="ledger-caption">
              {t('ledger.tableCaption', { shown: ledger.nodes.length, total: ledger.totalCount })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('ledger.sequence')}</th>
                <th scope="col">{t('ledger.time')}</th>
                <th scope="col">{t('ledger.kind')}</th>
                <th scope="col">{t('ledger.direction')}</th>
                <th scope="col" className="num">
                  {t('ledger.amount')}
                </th>
                <th scope="col" className="num">
                  {t('ledger.balanceAfter')}
                </th>
                <th scope="col">{t('ledger.counterparty')}</th>
                <th scope="col">{t('ledger.memo')}</th>
                <th scope="col">{t('ledger.proposal')}</th>
                <th scope="col">{t('ledger.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {ledger.nodes.map((entry) => (
                <LedgerRow key={entry.id} entry={entry} fresh={fresh.has(entry.id)} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {error && data ? <ErrorNotice error={error} /> : null}
      {ledger?.pageInfo.hasNextPage ? (
        <button
          type="button"
          className="button button-secondary button-block"
          disabled={loading}
          onClick={() =>
            void fetchMore({ variables: { after: ledger.pageInfo.endCursor ?? null } }).catch(() => undefined)
          }
        >
          {loading ? t('common.loadingMore') : t('common.loadMore')}
        </button>
      ) : null}
    </section>
  );
}

function LedgerRow({ entry, fresh }: { entry: LedgerEntryFieldsFragment; fresh: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <tr data-testid="ledger-entry" className={fresh ? 'row-new' : undefined}>
      <th scope="row" data-label={t('ledger.sequence')}>
        #{entry.sequence}
      </th>
      <td data-label={t('ledger.time')}>
        <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, i18n.language)}</time>
      </td>
      <td data-label={t('ledger.kind')}>{t(`ledgerKind.${entry.kind}`)}</td>
      <td data-label={t('ledger.direction')}>{t(`ledgerDirection.${entry.direction}`)}</td>
      <td data-label={t('ledger.amount')} className={`num money direction-${entry.direction.toLowerCase()}`}>
        {signedAmount(entry)}
      </td>
      <td data-label={t('ledger.balanceAfter')} className="num money">
        {money(entry.balanceAfter)}
      </td>
      <td data-label={t('ledger.counterparty')} className="wide-cell">
        {counterpartyName(entry, t('campaigns.anonymousDonor'))}
      </td>
      <td data-label={t('ledger.memo')} className="memo-cell wide-cell">
        {entry.memo || '—'}
      </td>
      <td data-label={t('ledger.proposal')} className="wide-cell">
        {entry.proposal ? <Link to={`/proposals/${entry.proposal.id}`}>{entry.proposal.title}</Link> : '—'}
      </td>
      <td data-label={t('ledger.hash')}>
        <code className="hash" title={entry.hash}>
          {shortHash(entry.hash)}…
        </code>
      </td>
    </tr>
  );
}
