import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CampaignCardFieldsFragment } from '../../gql/graphql';
import { CampaignStatusBadge } from '../common/Badges';
import { formatDate, money } from '../common/format';
import { CampaignProgress } from './CampaignProgress';

/** A campaign in a list: a link to its page with the goal, what is raised, the bar, donors and end date. */
export function CampaignCard({
  campaign: c,
  heading: Heading = 'h3',
}: {
  campaign: CampaignCardFieldsFragment;
  /** The card title's level in the page's outline. */
  heading?: 'h2' | 'h3';
}) {
  const { t, i18n } = useTranslation();
  return (
    <Link to={`/campaigns/${c.id}`} className="card card-link campaign-card" data-testid="campaign-card">
      <div className="card-meta">
        <CampaignStatusBadge status={c.status} />
        {c.endsAt ? (
          <span className="muted small">{t('campaigns.endsOn', { date: formatDate(c.endsAt, i18n.language) })}</span>
        ) : null}
      </div>
      <Heading className="card-title">{c.title}</Heading>
      {c.proposal ? <p className="small muted">{t('campaigns.forProposal', { title: c.proposal.title })}</p> : null}
      <p className="campaign-figures">
        <span className="money money-large" data-testid="campaign-raised">
          {money(c.raised)}
        </span>{' '}
        <span className="muted">{t('campaigns.ofGoal', { goal: money(c.goal) })}</span>
      </p>
      <CampaignProgress percent={c.progressPercent} title={c.title} />
      <p className="muted small">{t('campaigns.donors', { count: c.donorCount })}</p>
    </Link>
  );
}
