import { ProposalMatches } from '../matching/ProposalMatches';
import { SharePanel } from '../sharing/SharePanel';
import { useQuery, useSubscription } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProposalDocument, ProposalUpdatedDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { CategoryTag, StatusBadge } from '../common/Badges';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDate, formatDateTime, money } from '../common/format';
import { Loading } from '../common/Loading';
import { CommentThread } from '../comments/CommentThread';
import { BidPanel } from '../bids/BidPanel';
import { ProposalCampaigns } from '../campaigns/ProposalCampaigns';
import { PaymentsPanel } from '../disbursements/PaymentsPanel';
import { OrganizationLink } from '../organizations/OrganizationLink';
import { SponsorshipPanel } from '../sponsorships/SponsorshipPanel';
import { ProgressTimeline } from './ProgressTimeline';
import { ProposalActions } from './ProposalActions';
import { VotePanel } from './VotePanel';

/**
 * One proposal, kept live: proposalUpdated refreshes status, tally, counts, permissions, sponsorships, bids
 * and progress in the cache.
 */
export function ProposalDetail({ proposalId }: { proposalId: string }) {
  const { t, i18n } = useTranslation();
  const { viewer } = useViewer();
  const { data, loading, error, refetch } = useQuery(ProposalDocument, { variables: { id: proposalId } });
  // The payload is normalized into the cache (Proposal:<id>), which re-renders everything that shows it.
  useSubscription(ProposalUpdatedDocument, { variables: { proposalId }, skip: !data?.proposal });

  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const proposal = data?.proposal;
  if (!proposal) {
    return (
      <div className="stack">
        <p className="notice">{t('proposal.notFound')}</p>
        <Link to="/proposals">← {t('proposal.back')}</Link>
      </div>
    );
  }

  const decided = proposal.status === 'APPROVED' || proposal.status === 'REJECTED' || Boolean(proposal.decidedAt);

  return (
    <div className="stack-lg">
      <nav aria-label={t('proposal.back')}>
        <Link to="/proposals" className="back-link">
          ← {t('proposal.back')}
        </Link>
      </nav>

      <header className="proposal-header">
        <div className="card-meta">
          <StatusBadge status={proposal.status} testId="proposal-status" />
          <CategoryTag category={proposal.category} />
        </div>
        <h1>{proposal.title}</h1>
        <p className="lead">{proposal.summary}</p>
      </header>

      <div className="proposal-layout">
        {/* First in the document so phones show the vote right under the title; a side column on wide screens. */}
        <div className="stack proposal-side">
          <VotePanel proposal={proposal} />
          <ProposalActions proposal={proposal} />
          {proposal.status !== 'DRAFT' ? <SharePanel kind="PROPOSAL" id={proposal.id} /> : null}
        </div>
        <div className="stack proposal-main">
          <section className="card" aria-labelledby="details-title">
            <h2 id="details-title">{t('proposal.details')}</h2>
            <dl className="details">
              <div>
                <dt>{t('proposal.budget')}</dt>
                <dd className="money money-large">{money(proposal.budget)}</dd>
              </div>
              <div>
                <dt>{t('proposal.author')}</dt>
                <dd>
                  {proposal.author.displayName}{' '}
                  <span className="tag tag-small">{t(`roles.${proposal.author.role}`)}</span>
                </dd>
              </div>
              {proposal.organization ? (
                <div>
                  <dt>{t('proposal.organization')}</dt>
                  <dd>
                    <OrganizationLink organization={proposal.organization} />
                  </dd>
                </div>
              ) : null}
              {proposal.need ? (
                <div>
                  <dt>{t('proposal.need')}</dt>
                  <dd>
                    <Link to={`/needs?status=ALL#need-${proposal.need.id}`}>{proposal.need.title}</Link>
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>{t('proposal.createdAt')}</dt>
                <dd>
                  <time dateTime={proposal.createdAt}>{formatDate(proposal.createdAt, i18n.language)}</time>
                </dd>
              </div>
              {proposal.consultationEndsAt ? (
                <div>
                  <dt>{t('proposal.consultationEndsAt')}</dt>
                  <dd>
                    <time dateTime={proposal.consultationEndsAt}>
                      {formatDateTime(proposal.consultationEndsAt, i18n.language)}
                    </time>
                  </dd>
                </div>
              ) : null}
              {decided && proposal.decidedAt ? (
                <div>
                  <dt>{t('proposal.decidedAt')}</dt>
                  <dd>
                    <time dateTime={proposal.decidedAt}>{formatDate(proposal.decidedAt, i18n.language)}</time>
                  </dd>
                </div>
              ) : null}
            </dl>
            {decided && proposal.decisionNote ? (
              <div className="decision-note">
                <h3>{t('proposal.decision')}</h3>
                <p>{proposal.decisionNote}</p>
              </div>
            ) : null}
          </section>

          <section className="card" aria-label={t('proposals.body')}>
            <div className="prose">{proposal.body}</div>
          </section>

          <BidPanel proposal={proposal} />
          <PaymentsPanel proposal={proposal} />
          <ProgressTimeline proposal={proposal} />
          <SponsorshipPanel proposal={proposal} />
          <ProposalMatches proposalId={proposal.id} />
          <ProposalCampaigns proposalId={proposal.id} fundId={proposal.fund.id} />

          <CommentThread proposalId={proposal.id} canComment={proposal.viewerCan.comment} signedIn={Boolean(viewer)} />
        </div>
      </div>
    </div>
  );
}
