import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CampaignsDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { money } from '../common/format';
import { CampaignProgress } from './CampaignProgress';

/** On a proposal page: the campaigns raising money for it, and "Start a campaign" for the fund admin. */
export function ProposalCampaigns({ proposalId, fundId }: { proposalId: string; fundId: string }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const { data } = useQuery(CampaignsDocument, { variables: { fundId } });
  const campaigns = (data?.campaigns ?? []).filter((c) => c.proposal?.id === proposalId);
  const canCreate = viewer?.role === 'FUND_ADMIN';
  if (campaigns.length === 0 && !canCreate) return null;

  return (
    <section className="card" aria-labelledby="proposal-campaigns-title">
      <h2 id="proposal-campaigns-title">{t('campaigns.forThisProposal')}</h2>
      {campaigns.length === 0 ? <p className="empty">{t('campaigns.noneForProposal')}</p> : null}
      <ul className="item-list">
        {campaigns.map((c) => (
          <li key={c.id} className="market-item">
            <Link to={`/campaigns/${c.id}`} className="org-link">
              {c.title}
            </Link>
            <p className="small">
              <span className="money">{money(c.raised)}</span>{' '}
              <span className="muted">{t('campaigns.ofGoal', { goal: money(c.goal) })}</span>
            </p>
            <CampaignProgress percent={c.progressPercent} title={c.title} />
          </li>
        ))}
      </ul>
      {canCreate ? (
        <p>
          <Link to={`/campaigns?proposal=${proposalId}#create`}>{t('campaigns.startForProposal')} →</Link>
        </p>
      ) : null}
    </section>
  );
}
