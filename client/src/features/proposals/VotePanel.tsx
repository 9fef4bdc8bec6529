import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { CastVoteDocument, type ProposalLiveFieldsFragment, type VoteChoice } from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';

const CHOICES: readonly VoteChoice[] = ['SUPPORT', 'OPPOSE'];

/** The translation keys of a choice: its tally label and its button. */
const CHOICE_KEYS = {
  SUPPORT: { tally: 'proposal.tallySupport', button: 'proposal.voteSupport' },
  OPPOSE: { tally: 'proposal.tallyOppose', button: 'proposal.voteOppose' },
} as const;

/** The live tally, and SUPPORT / OPPOSE buttons when the viewer may vote (viewerCan.vote). */
export function VotePanel({ proposal }: { proposal: ProposalLiveFieldsFragment }) {
  const { t } = useTranslation();
  const [castVote, { loading, error }] = useMutation(CastVoteDocument);
  const { support, oppose } = proposal.votes;
  const counts: Record<VoteChoice, number> = { SUPPORT: support, OPPOSE: oppose };
  const viewerVote = proposal.viewerVote;
  const yourVote = viewerVote ? t('proposal.yourVote', { choice: t(CHOICE_KEYS[viewerVote].tally) }) : null;

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
        {CHOICES.map((choice) => {
          const name = choice.toLowerCase();
          return (
            <div key={choice} className={`tally-item tally-${name}`}>
              <span className="tally-label">{t(CHOICE_KEYS[choice].tally)}</span>
              <span className="tally-number" data-testid={`tally-${name}`}>
                {counts[choice]}
              </span>
            </div>
          );
        })}
      </div>
      <div className="tally-bar" aria-hidden="true">
        {/* The counts are the flex weights: the bar splits in proportion without any arithmetic here. */}
        <span className="tally-bar-support" style={{ flexGrow: support }} />
        <span className="tally-bar-oppose" style={{ flexGrow: oppose }} />
      </div>

      {proposal.viewerCan.vote ? (
        <>
          <div className="vote-buttons">
            {CHOICES.map((choice) => {
              const chosen = viewerVote === choice;
              const name = choice.toLowerCase();
              return (
                <button
                  key={choice}
                  type="button"
                  className={`button vote-button vote-${name}${chosen ? ' is-chosen' : ''}`}
                  data-testid={`vote-${name}`}
                  aria-pressed={chosen}
                  disabled={loading}
                  onClick={() => vote(choice)}
                >
                  {chosen ? '✓ ' : ''}
                  {t(CHOICE_KEYS[choice].button)}
                </button>
              );
            })}
          </div>
          <p className="muted small">
            {yourVote ? `${yourVote} · ` : ''}
            {t('proposal.voteChangeHint')}
          </p>
        </>
      ) : yourVote ? (
        <p className="muted small">{yourVote}</p>
      ) : proposal.status === 'CONSULTATION' ? (
        <p className="muted small">{t('proposal.voteResidentsOnly')}</p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
