import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { NeedsDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { NEED_STATUSES, isNeedStatus } from '../common/constants';
import { PagedList } from '../common/PagedList';
import { SelectField } from '../common/SelectField';
import { SignInPrompt } from '../common/SignInPrompt';
import { useSearchParam } from '../common/useSearchParam';
import { WithCurrentFund, type CurrentFund } from '../funds/WithCurrentFund';
import { CreateNeedForm } from './CreateNeedForm';
import { NeedCard } from './NeedCard';

const PAGE_SIZE = 10;

export function NeedsBoard() {
  return <WithCurrentFund>{(fund) => <FundNeeds fund={fund} />}</WithCurrentFund>;
}

function FundNeeds({ fund }: { fund: CurrentFund }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const [statusValue, setStatus] = useSearchParam('status');
  const statusParam = statusValue ?? 'OPEN';
  const status = isNeedStatus(statusParam) ? statusParam : null;

  const { data, loading, error, fetchMore, refetch } = useQuery(NeedsDocument, {
    variables: { fundId: fund.id, status, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });

  const isResident = viewer?.role === 'RESIDENT';
  const needs = data?.needs;

  return (
    <div className="layout-with-aside">
      <div className="stack">
        <div className="toolbar">
          <SelectField
            label={t('needs.filterStatus')}
            value={status ?? ''}
            emptyOption={t('common.all')}
            options={NEED_STATUSES.map((s) => ({ value: s, label: t(`needStatus.${s}`) }))}
            onChange={(value) => setStatus(value || 'ALL')}
          />
          {needs ? (
            <p className="muted small">{t('common.showing', { shown: needs.nodes.length, total: needs.totalCount })}</p>
          ) : null}
        </div>

        <PagedList
          page={needs}
          loading={loading}
          error={error}
          onRetry={() => void refetch()}
          onLoadMore={(after) => fetchMore({ variables: { after } })}
          empty={t('needs.empty')}
          renderItem={(need) => <NeedCard need={need} canSupport={isResident} />}
        />
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
          <SignInPrompt from="/needs" />
        )}
      </aside>
    </div>
  );
}
