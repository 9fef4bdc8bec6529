import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { CastVoteDocument, type ProposalLiveFieldsFragment, type VoteChoice } from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';

/** The live tally, and SUPPORT / OPPOSE buttons when the viewer may vote (viewerCan.vote). */
export function VotePanel({ proposal }: { proposal: ProposalLiveFieldsFragment }) {
  const { t } = useTranslation();
  const [castVote, { loading, error }] = useMutation(CastVoteDocument);
  const { support, oppose } = proposal.votes;

  function vote(choice: VoteChoice) {
    void castVote({ variables: { proposalId: proposal.id, choice } }).catch(() => undefined);
  }

  return (
    <section className="card vote-panel" aria-labelledby="tally-title">
      <h2 id="tally-title">
        {t('proposal.tallyTitle')}
        {proposal.status === 'CONSULTATION' ? (
          <span className="live-dot" title={t('proposal.liveHint')}>
            {t('common.live')}
          </span>
        ) : null}
      </h2>
      <div className="tally" aria-live="polite" aria-atomic="true">
        <div className="tally-item tally-support">
          <span className="tally-label">{t('proposal.tallySupport')}</span>
          <span className="tally-number" data-testid="tally-support">
            {support}
          </span>
        </div>
        <div className="tally-item tally-oppose">
          <span className="tally-label">{t('proposal.tallyOppose')}</span>
          <span className="tally-number" data-testid="tally-oppose">
            {oppose}
          </span>
        </div>
      </div>
      <div className="tally-bar" aria-hidden="true">
        {/* The counts are the flex weights: the bar splits in proportion without any arithmetic here. */}
        <span className="tally-bar-support" style={{ flexGrow: support }} />
        <span className="tally-bar-oppose" style={{ flexGrow: oppose }} />
      </div>

      {proposal.viewerCan.vote ? (
        <>
          <div className="vote-buttons">
            <button
              type="button"
              className={`button vote-button vote-support${proposal.viewerVote === 'SUPPORT' ? ' is-chosen' : ''}`}
              data-testid="vote-support"
              aria-pressed={proposal.viewerVote === 'SUPPORT'}
              disabled={loading}
              onClick={() => vote('SUPPORT')}
            >
              {proposal.viewerVote === 'SUPPORT' ? '✓ ' : ''}
              {t('proposal.voteSupport')}
            </button>
            <button
              type="button"
              className={`button vote-button vote-oppose${proposal.viewerVote === 'OPPOSE' ? ' is-chosen' : ''}`}
              data-testid="vote-oppose"
              aria-pressed={proposal.viewerVote === 'OPPOSE'}
              disabled={loading}
              onClick={() => vote('OPPOSE')}
            >
              {proposal.viewerVote === 'OPPOSE' ? '✓ ' : ''}
              {t('proposal.voteOppose')}
            </button>
          </div>
          <p className="muted small">
            {proposal.viewerVote
              ? `${t('proposal.yourVote', { choice: t(proposal.viewerVote === 'SUPPORT' ? 'proposal.tallySupport' : 'proposal.tallyOppose') })} · `
              : ''}
            {t('proposal.voteChangeHint')}
          </p>
        </>
      ) : proposal.viewerVote ? (
        <p className="muted small">
          {t('proposal.yourVote', {
            choice: t(proposal.viewerVote === 'SUPPORT' ? 'proposal.tallySupport' : 'proposal.tallyOppose'),
          })}
        </p>
      ) : proposal.status === 'CONSULTATION' ? (
        <p className="muted small">{t('proposal.voteResidentsOnly')}</p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
