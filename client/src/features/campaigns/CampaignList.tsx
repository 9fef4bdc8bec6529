import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { CampaignsDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { ErrorNotice } from '../common/ErrorNotice';
import { Loading } from '../common/Loading';
import { useSearchParam } from '../common/useSearchParam';
import { WithCurrentFund } from '../funds/WithCurrentFund';
import { CampaignCard } from './CampaignCard';
import { CreateCampaignForm } from './CreateCampaignForm';

/** Every campaign of the current fund, open ones first; the create form for the fund admin. */
export function CampaignList() {
  return <WithCurrentFund>{(fund) => <Campaigns fundId={fund.id} currency={fund.currency} />}</WithCurrentFund>;
}

function Campaigns({ fundId, currency }: { fundId: string; currency: string }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  // "Start a campaign" on a proposal page links here with ?proposal=<id>.
  const [proposalId] = useSearchParam('proposal');
  const { data, loading, error, refetch } = useQuery(CampaignsDocument, { variables: { fundId } });
  const campaigns = [...(data?.campaigns ?? [])].sort(
    (a, b) => Number(b.status === 'OPEN') - Number(a.status === 'OPEN') || b.createdAt.localeCompare(a.createdAt),
  );
  const canCreate = viewer?.role === 'FUND_ADMIN';

  return (
    <div className={canCreate ? 'layout-with-aside' : undefined}>
      <div className="stack">
        {loading && !data ? <Loading /> : null}
        {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
        {data && campaigns.length === 0 ? <p className="empty">{t('campaigns.empty')}</p> : null}
        <ul className="card-grid">
          {campaigns.map((c) => (
            <li key={c.id}>
              <CampaignCard campaign={c} heading="h2" />
            </li>
          ))}
        </ul>
      </div>
      {canCreate ? (
        <aside className="aside card" aria-labelledby="create-campaign-title" id="create">
          <CreateCampaignForm fundId={fundId} currency={currency} initialProposalId={proposalId ?? ''} />
        </aside>
      ) : null}
    </div>
  );
}
