import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { NeedsDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { NEED_STATUSES, isNeedStatus } from '../common/constants';
import { ErrorNotice } from '../common/ErrorNotice';
import { Field } from '../common/Field';
import { Loading } from '../common/Loading';
import { useCurrentFund } from '../funds/useCurrentFund';
import { CreateNeedForm } from './CreateNeedForm';
import { NeedCard } from './NeedCard';

const PAGE_SIZE = 10;

export function NeedsBoard() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const { fund, loading: fundLoading, error: fundError, refetch: refetchFund } = useCurrentFund();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status') ?? 'OPEN';
  const status = isNeedStatus(statusParam) ? statusParam : null;

  const { data, loading, error, fetchMore, refetch } = useQuery(NeedsDocument, {
    variables: { fundId: fund?.id ?? '', status, first: PAGE_SIZE },
    skip: !fund,
    notifyOnNetworkStatusChange: true,
  });

  if (fundLoading) return <Loading />;
  if (fundError) return <ErrorNotice error={fundError} onRetry={() => void refetchFund()} />;
  if (!fund) return <p className="notice">{t('fund.noFund')}</p>;

  const isResident = viewer?.role === 'RESIDENT';
  const needs = data?.needs;

  return (
    <div className="layout-with-aside">
      <div className="stack">
        <div className="toolbar">
          <Field label={t('needs.filterStatus')}>
            <select
              value={status ?? ''}
              onChange={(e) => {
                const next = new URLSearchParams(params);
                next.set('status', e.target.value || 'ALL');
                setParams(next, { replace: true });
              }}
            >
              <option value="">{t('common.all')}</option>
              {NEED_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`needStatus.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          {needs ? (
            <p className="muted small">{t('common.showing', { shown: needs.nodes.length, total: needs.totalCount })}</p>
          ) : null}
        </div>

        {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
        {loading && !data ? <Loading /> : null}
        {needs && needs.nodes.length === 0 ? <p className="empty">{t('needs.empty')}</p> : null}
        <ul className="card-list" aria-busy={loading}>
          {needs?.nodes.map((need) => (
            <li key={need.id}>
              <NeedCard need={need} canSupport={isResident} />
            </li>
          ))}
        </ul>
        {error && data ? <ErrorNotice error={error} /> : null}
        {needs?.pageInfo.hasNextPage ? (
          <button
            type="button"
            className="button button-secondary button-block"
            disabled={loading}
            onClick={() => void fetchMore({ variables: { after: needs.pageInfo.endCursor } }).catch(() => undefined)}
          >
            {loading ? t('common.loadingMore') : t('common.loadMore')}
          </button>
        ) : null}
      </div>

      <aside className="card aside" aria-labelledby="create-need-title">
        <h2 id="create-need-title">{t('needs.createTitle')}</h2>
        {isResident ? (
          <>
            <p className="muted small">{t('needs.createIntro')}</p>
            <CreateNeedForm fund={fund} defaultNeighborhoodId={viewer.neighborhood?.id ?? null} />
          </>
        ) : viewer ? (
          <p className="muted">{t('needs.residentsOnly')}</p>
        ) : (
          <p>
            <Link to="/signin" state={{ from: '/needs' }}>
              {t('nav.signIn')}
            </Link>{' '}
            · {t('common.signInTo')}
          </p>
        )}
      </aside>
    </div>
  );
}
