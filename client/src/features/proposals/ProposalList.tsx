import { useQuery } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ProposalsDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { CATEGORIES, PROPOSAL_STATUSES, isCategory, isProposalStatus } from '../common/constants';
import { ErrorNotice } from '../common/ErrorNotice';
import { Field } from '../common/Field';
import { Loading } from '../common/Loading';
import { useCurrentFund } from '../funds/useCurrentFund';
import { CreateProposalForm } from './CreateProposalForm';
import { ProposalCard } from './ProposalCard';

const PAGE_SIZE = 10;

export function ProposalList() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const { fund, loading: fundLoading, error: fundError, refetch: refetchFund } = useCurrentFund();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status') ?? '';
  const categoryParam = params.get('category') ?? '';
  const search = params.get('q') ?? '';
  const status = isProposalStatus(statusParam) ? statusParam : null;
  const category = isCategory(categoryParam) ? categoryParam : null;
  const [searchText, setSearchText] = useState(search);

  const { data, loading, error, fetchMore, refetch } = useQuery(ProposalsDocument, {
    variables: {
      fundId: fund?.id ?? null,
      status: status ? [status] : null,
      category,
      search: search || null,
      first: PAGE_SIZE,
    },
    skip: !fund,
    notifyOnNetworkStatusChange: true,
  });

  function setParam(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParam('q', searchText.trim());
  }

  if (fundLoading) return <Loading />;
  if (fundError) return <ErrorNotice error={fundError} onRetry={() => void refetchFund()} />;
  if (!fund) return <p className="notice">{t('fund.noFund')}</p>;

  const proposals = data?.proposals;

  return (
    <div className="layout-with-aside">
      <div className="stack">
        <section className="filters card" aria-label={t('proposals.filters')}>
          <form className="search-row" role="search" onSubmit={onSearch}>
            <Field label={t('proposals.search')}>
              <input
                type="search"
                placeholder={t('proposals.searchPlaceholder')}
                maxLength={LIMITS.searchText.max}
                value={searchText}
                onChange={(e) => setSearchText(e.target.value)}
              />
            </Field>
            <button type="submit" className="button button-primary">
              {t('proposals.searchButton')}
            </button>
          </form>
          <div className="form-row">
            <Field label={t('proposals.status')}>
              <select value={status ?? ''} onChange={(e) => setParam('status', e.target.value)}>
                <option value="">{t('common.all')}</option>
                {PROPOSAL_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`proposalStatus.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('proposals.category')}>
              <select value={category ?? ''} onChange={(e) => setParam('category', e.target.value)}>
                <option value="">{t('common.all')}</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`categories.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </section>

        {proposals ? (
          <p className="muted small" role="status">
            {t('common.showing', { shown: proposals.nodes.length, total: proposals.totalCount })}
          </p>
        ) : null}
        {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
        {loading && !data ? <Loading /> : null}
        {proposals && proposals.nodes.length === 0 ? <p className="empty">{t('proposals.empty')}</p> : null}
        <ul className="card-list" aria-busy={loading}>
          {proposals?.nodes.map((proposal) => (
            <li key={proposal.id}>
              <ProposalCard proposal={proposal} />
            </li>
          ))}
        </ul>
        {error && data ? <ErrorNotice error={error} /> : null}
        {proposals?.pageInfo.hasNextPage ? (
          <button
            type="button"
            className="button button-secondary button-block"
            disabled={loading}
            onClick={() =>
              void fetchMore({ variables: { after: proposals.pageInfo.endCursor } }).catch(() => undefined)
            }
          >
            {loading ? t('common.loadingMore') : t('common.loadMore')}
          </button>
        ) : null}
      </div>

      <aside className="card aside" aria-labelledby="create-proposal-title">
        <h2 id="create-proposal-title">{t('proposals.createTitle')}</h2>
        {viewer ? (
          <>
            <p className="muted small">{t('proposals.createIntro')}</p>
            <CreateProposalForm fundId={fund.id} currency={fund.currency} />
          </>
        ) : (
          <p>
            <Link to="/signin" state={{ from: '/proposals' }}>
              {t('nav.signIn')}
            </Link>{' '}
            · {t('common.signInTo')}
          </p>
        )}
      </aside>
    </div>
  );
}
