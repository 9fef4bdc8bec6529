import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProposalFeedbackDocument, ProposalParticipationDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { SignInPrompt } from '../common/SignInPrompt';
import { FeedbackCard } from './feedback/FeedbackCard';
import { FeedbackForm } from './feedback/FeedbackForm';
import { FollowButton } from './follow/FollowButton';
import { ReviseForm } from './revisions/ReviseForm';
import { RevisionTimeline } from './revisions/RevisionTimeline';
import { isFundSide } from './roles';
import { useScrollToHash } from './useScrollToHash';
import './participation.css';

/** Shared by the sections: one request, kept in the cache under Proposal:<id>. */
function useParticipation(proposalId: string) {
  return useQuery(ProposalParticipationDocument, { variables: { id: proposalId } }).data?.proposal ?? null;
}

/** Above the proposal: follow / unfollow, the follower count, and how many votes were entered from paper. */
export function ProposalFollow({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const proposal = useParticipation(proposalId);
  if (!proposal) return null;
  return (
    <div className="stack">
      <FollowButton proposalId={proposal.id} follows={proposal.viewerFollows} followerCount={proposal.followerCount} />
      {proposal.votes.assisted > 0 ? (
        <p className="muted small" data-testid="assisted-votes">
          <span className="tag tag-small tag-assisted">{t('participation.assistedShort')}</span>{' '}
          {t('participation.votes.assisted', { count: proposal.votes.assisted })}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Below the proposal: "you said, we changed" (the revision timeline, and the revise form for the author
 * or FUND_ADMIN while DRAFT or CONSULTATION) and the feedback on this proposal with its answers.
 */
export function ProposalParticipation({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const proposal = useParticipation(proposalId);
  const feedbackQuery = useQuery(ProposalFeedbackDocument, { variables: { id: proposalId } });
  const [revising, setRevising] = useState(false);
  const [saved, setSaved] = useState(false);
  useScrollToHash(Boolean(proposal));
  if (!proposal) return null;

  const feedback = feedbackQuery.data?.proposal?.feedback ?? [];
  const canRevise = proposal.viewerCan.revise;
  const showRevisions = proposal.revisions.length > 0 || proposal.status === 'CONSULTATION' || canRevise;
  const takesFeedback = proposal.status !== 'DRAFT';

  return (
    <>
      {showRevisions ? (
        <section className="card" aria-labelledby="revisions-title" data-testid="revisions" id="revisions">
          <h2 id="revisions-title">{t('participation.revisions.title')}</h2>
          <p className="muted small">{t('participation.revisions.intro')}</p>
          <RevisionTimeline revisions={proposal.revisions} currency={proposal.budget.currency} />
          {saved ? (
            <p className="notice notice-success" role="status">
              {t('participation.revisions.saved')}
            </p>
          ) : null}
          {canRevise && !revising ? (
            <button
              type="button"
              className="button button-secondary"
              data-testid="revise-open"
              onClick={() => {
                setSaved(false);
                setRevising(true);
              }}
            >
              {proposal.status === 'DRAFT'
                ? t('participation.revisions.editDraft')
                : t('participation.revisions.revise')}
            </button>
          ) : null}
          {canRevise && revising ? (
            <ReviseForm
              proposal={proposal}
              feedback={feedback}
              onCancel={() => setRevising(false)}
              onDone={() => {
                setRevising(false);
                setSaved(true);
              }}
            />
          ) : null}
        </section>
      ) : null}

      {takesFeedback ? (
        <section className="card stack" aria-labelledby="proposal-feedback-title" data-testid="proposal-feedback">
          <h2 id="proposal-feedback-title">{t('participation.feedback.proposalSection')}</h2>
          {feedback.length === 0 ? <p className="empty">{t('participation.feedback.emptyProposal')}</p> : null}
          <ul className="card-list">
            {feedback.map((f) => (
              <li key={f.id}>
                <FeedbackCard feedback={f} canRespond={isFundSide(viewer)} showSubject={false} />
              </li>
            ))}
          </ul>
          <p>
            <Link to="/feedback">{t('participation.feedback.allFeedback')} →</Link>
          </p>
          <h3>{t('participation.feedback.proposalFormTitle')}</h3>
          {viewer ? (
            <FeedbackForm fundId={proposal.fund.id} proposalId={proposal.id} />
          ) : (
            <SignInPrompt from={`/proposals/${proposal.id}`} why={t('participation.feedback.signIn')} />
          )}
        </section>
      ) : null}
    </>
  );
}
