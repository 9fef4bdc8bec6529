import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CampaignsDocument } from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';
import { CampaignCard } from './CampaignCard';

const SHOWN = 3;

/** The dashboard's open campaigns (a few), with links to all campaigns and to the public ledger. */
export function DashboardCampaigns({ fundId }: { fundId: string }) {
  const { t } = useTranslation();
  const { data, error } = useQuery(CampaignsDocument, { variables: { fundId } });
  if (error && !data) return <ErrorNotice error={error} />;
  const open = (data?.campaigns ?? []).filter((c) => c.status === 'OPEN').slice(0, SHOWN);

  return (
    <section className="stack" aria-labelledby="dashboard-campaigns-title">
      <div className="section-head">
        <h2 id="dashboard-campaigns-title">{t('campaigns.openCampaigns')}</h2>
        <Link to="/campaigns">{t('campaigns.seeAll')} →</Link>
      </div>
      {data && open.length === 0 ? <p className="empty">{t('campaigns.noOpen')}</p> : null}
      <ul className="card-grid">
        {open.map((c) => (
          <li key={c.id}>
            <CampaignCard campaign={c} />
          </li>
        ))}
      </ul>
      <p>
        <Link to="/transparency">{t('ledger.seeLedger')} →</Link>
      </p>
    </section>
  );
}
