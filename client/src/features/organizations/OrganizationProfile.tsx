import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OrganizationDocument, type OrganizationQuery } from '../../gql/graphql';
import { BidStatusBadge, OrganizationTypeTag, VerifiedBadge } from '../common/Badges';
import { ErrorNotice } from '../common/ErrorNotice';
import { OrganizationMatching } from '../matching/OrganizationMatching';
import { formatDate, money } from '../common/format';
import { Loading } from '../common/Loading';
import { PartnershipCard } from '../partnerships/PartnershipCard';
import { SponsorshipItem } from '../sponsorships/SponsorshipPanel';

type OrganizationBid = NonNullable<OrganizationQuery['organization']>['bids'][number];

/** A bid on the organization's page: the project, the price and the duration. */
function BidSummary({ bid, showStatus }: { bid: OrganizationBid; showStatus?: boolean }) {
  const { t } = useTranslation();
  return (
    <li className="market-item" data-testid="organization-bid">
      <div className="market-item-head">
        {bid.proposal ? <Link to={`/proposals/${bid.proposal.id}`}>{bid.proposal.title}</Link> : null}
        {showStatus ? <BidStatusBadge status={bid.status} /> : null}
      </div>
      <p className="market-figures">
        <span className="money">{money(bid.amount)}</span>{' '}
        <span className="tag tag-small">{t('bids.days', { count: bid.durationDays })}</span>
      </p>
    </li>
  );
}

/** An organization's public record: who it is, its members, what it sponsored, the projects it won, its partnerships. */
export function OrganizationProfile({ organizationId }: { organizationId: string }) {
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(OrganizationDocument, { variables: { id: organizationId } });

  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const org = data?.organization;
  if (!org) {
    return (
      <div className="stack">
        <p className="notice">{t('organizations.notFound')}</p>
        <Link to="/organizations">← {t('organizations.back')}</Link>
      </div>
    );
  }
  const won = org.bids.filter((b) => b.status === 'AWARDED');
  const otherBids = org.bids.filter((b) => b.status !== 'AWARDED');

  return (
    <div className="stack-lg">
      <nav aria-label={t('organizations.back')}>
        <Link to="/organizations" className="back-link">
          ← {t('organizations.back')}
        </Link>
      </nav>
      <header className="proposal-header">
        <div className="card-meta">
          <OrganizationTypeTag type={org.type} />
          <VerifiedBadge verified={org.verified} />
        </div>
        <h1 data-testid="organization-name">{org.name}</h1>
        {org.description ? <p className="lead">{org.description}</p> : null}
        <p className="muted small">
          {t('organizations.since', { date: formatDate(org.createdAt, i18n.language) })}
          {org.verifiedAt
            ? ` · ${t('organizations.verifiedOn', { date: formatDate(org.verifiedAt, i18n.language) })}`
            : ''}
        </p>
      </header>

      <div className="two-col">
        <section className="card" aria-labelledby="members-title">
          <h2 id="members-title">
            {t('organizations.members')} <span className="count-pill">{org.members.length}</span>
          </h2>
          {org.members.length === 0 ? (
            <p className="empty">{t('organizations.noMembers')}</p>
          ) : (
            <ul className="hood-list">
              {org.members.map((m) => (
                <li key={m.id}>
                  <span>{m.displayName}</span>
                  <span className="tag tag-small">{t(`roles.${m.role}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" aria-labelledby="won-title">
          <h2 id="won-title">{t('organizations.bidsWon')}</h2>
          {won.length === 0 ? (
            <p className="empty">{t('organizations.noBidsWon')}</p>
          ) : (
            <ul className="item-list" data-testid="bids-won">
              {won.map((b) => (
                <BidSummary key={b.id} bid={b} />
              ))}
            </ul>
          )}
          {otherBids.length > 0 ? (
            <>
              <h3>{t('organizations.otherBids')}</h3>
              <ul className="item-list">
                {otherBids.map((b) => (
                  <BidSummary key={b.id} bid={b} showStatus />
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>

      <OrganizationMatching organizationId={org.id} />

      <section className="card" aria-labelledby="org-sponsorships-title">
        <h2 id="org-sponsorships-title">{t('organizations.sponsorships')}</h2>
        {org.sponsorships.length === 0 ? (
          <p className="empty">{t('organizations.noSponsorships')}</p>
        ) : (
          <ul className="item-list">
            {org.sponsorships.map((s) => (
              <SponsorshipItem key={s.id} sponsorship={s} proposal={s.proposal} />
            ))}
          </ul>
        )}
      </section>

      <section className="stack" aria-labelledby="org-partnerships-title">
        <h2 id="org-partnerships-title">{t('organizations.partnerships')}</h2>
        {org.partnerships.length === 0 ? (
          <p className="empty">{t('organizations.noPartnerships')}</p>
        ) : (
          <ul className="card-list">
            {org.partnerships.map((p) => (
              <li key={p.id}>
                <PartnershipCard partnership={p} headingLevel={3} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
