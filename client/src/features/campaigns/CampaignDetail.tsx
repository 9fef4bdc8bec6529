import { SharePanel } from '../sharing/SharePanel';
import { useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CampaignDocument,
  CampaignUpdatedDocument,
  type CampaignQuery,
  type DonationFieldsFragment,
} from '../../gql/graphql';
import { CampaignStatusBadge } from '../common/Badges';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDate, formatDateTime, money } from '../common/format';
import { Loading } from '../common/Loading';
import { ANONYMOUS_DONOR } from './campaignLimits';
import { CampaignProgress } from './CampaignProgress';
import { DonateForm } from './DonateForm';

type CampaignView = NonNullable<CampaignQuery['campaign']>;

/**
 * One campaign, kept live: campaignUpdated carries the new raised, donors, percent and status and the
 * newest donations, which the cache puts at the top of the list.
 */
export function CampaignDetail({ campaignId }: { campaignId: string }) {
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch, fetchMore } = useQuery(CampaignDocument, { variables: { id: campaignId } });
  useSubscription(CampaignUpdatedDocument, { variables: { campaignId }, skip: !data?.campaign });

  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const campaign = data?.campaign;
  if (!campaign) {
    return (
      <div className="stack">
        <p className="notice">{t('campaigns.notFound')}</p>
        <Link to="/campaigns">← {t('campaigns.back')}</Link>
      </div>
    );
  }
  const donations = campaign.donations;

  return (
    <div className="stack-lg">
      <nav aria-label={t('campaigns.back')}>
        <Link to="/campaigns" className="back-link">
          ← {t('campaigns.back')}
        </Link>
      </nav>
      <header className="stack">
        <div className="card-meta">
          <CampaignStatusBadge status={campaign.status} />
          {campaign.endsAt ? (
            <span className="muted small">
              {t('campaigns.endsOn', { date: formatDate(campaign.endsAt, i18n.language) })}
            </span>
          ) : null}
        </div>
        <h1>{campaign.title}</h1>
        <SharePanel kind="CAMPAIGN" id={campaign.id} />
        {campaign.proposal ? (
          <p>
            {t('campaigns.forProject')} <Link to={`/proposals/${campaign.proposal.id}`}>{campaign.proposal.title}</Link>
          </p>
        ) : null}
      </header>

      <div className="proposal-layout">
        <div className="stack proposal-side">
          <CampaignTotals campaign={campaign} />
          {campaign.viewerCan.donate ? (
            <DonateForm campaignId={campaign.id} currency={campaign.fund.currency} />
          ) : (
            <p className="notice">{t('campaigns.closedNotice')}</p>
          )}
        </div>
        <div className="stack proposal-main">
          <section className="card" aria-label={t('campaigns.description')}>
            <div className="prose">{campaign.description}</div>
          </section>
          <section className="card" aria-labelledby="donations-title">
            <h2 id="donations-title">{t('campaigns.recentDonations')}</h2>
            {donations.nodes.length === 0 ? (
              <p className="empty">{t('campaigns.noDonations')}</p>
            ) : (
              <DonationList donations={donations.nodes} />
            )}
            {donations.pageInfo.hasNextPage ? (
              <button
                type="button"
                className="button button-secondary button-block"
                disabled={loading}
                onClick={() =>
                  void fetchMore({ variables: { after: donations.pageInfo.endCursor ?? null } }).catch(() => undefined)
                }
              >
                {loading ? t('common.loadingMore') : t('campaigns.moreDonations')}
              </button>
            ) : null}
          </section>
        </div>
      </div>
    </div>
  );
}

function CampaignTotals({ campaign }: { campaign: CampaignView }) {
  const { t } = useTranslation();
  return (
    <section className="card campaign-totals" aria-labelledby="totals-title">
      <h2 id="totals-title" className="visually-hidden">
        {t('campaigns.totals')}
      </h2>
      <p className="campaign-raised-line">
        <span className="stat-label">{t('campaigns.raised')}</span>
        <strong className="money campaign-raised" data-testid="campaign-raised">
          {money(campaign.raised)}
        </strong>
        <span className="muted">{t('campaigns.ofGoal', { goal: money(campaign.goal) })}</span>
      </p>
      <CampaignProgress percent={campaign.progressPercent} title={campaign.title} large />
      <p className="muted small" aria-live="polite">
        {t('campaigns.donors', { count: campaign.donorCount })} · <span className="live-dot">{t('common.live')}</span>
      </p>
    </section>
  );
}

/** Newest first; donations that arrive while the page is open (above the ones it opened with) are highlighted. */
function DonationList({ donations }: { donations: readonly DonationFieldsFragment[] }) {
  const { t, i18n } = useTranslation();
  const [initial] = useState(() => new Set(donations.map((d) => d.id)));
  const firstInitial = donations.findIndex((d) => initial.has(d.id));
  return (
    <ul className="donation-list" aria-live="polite" aria-relevant="additions">
      {donations.map((d, index) => (
        <li
          key={d.id}
          className={`donation${!initial.has(d.id) && (firstInitial === -1 || index < firstInitial) ? ' donation-new' : ''}`}
          data-testid="donation"
        >
          <span className="donation-name">
            {d.donorName === ANONYMOUS_DONOR ? t('campaigns.anonymousDonor') : d.donorName}
          </span>
          <span className="money">{money(d.amount)}</span>
          <time className="muted small" dateTime={d.createdAt}>
            {formatDateTime(d.createdAt, i18n.language)}
          </time>
        </li>
      ))}
    </ul>
  );
}
