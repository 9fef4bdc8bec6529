import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { RsvpMeetingDocument, type MeetingDetailFieldsFragment, type RsvpResponse } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { ErrorNotice } from '../common/ErrorNotice';
import { SignInPrompt } from '../common/SignInPrompt';

const RESPONSES: readonly RsvpResponse[] = ['GOING', 'MAYBE', 'NOT_GOING'];

/** The public counts, and Going / Maybe / Not going as a toggle group while answers are open. */
export function RsvpPanel({ meeting }: { meeting: MeetingDetailFieldsFragment }) {
  const { t } = useTranslation();
  const { viewer, loading: viewerLoading } = useViewer();
  const location = useLocation();
  const [rsvp, { loading, error }] = useMutation(RsvpMeetingDocument);
  const counts: Record<RsvpResponse, number> = {
    GOING: meeting.rsvpCounts.going,
    MAYBE: meeting.rsvpCounts.maybe,
    NOT_GOING: meeting.rsvpCounts.notGoing,
  };
  const answer = meeting.viewerRsvp;

  return (
    <section className="card stack" aria-labelledby="rsvp-title" data-testid="rsvp-panel">
      <h2 id="rsvp-title">
        {t('meetings.rsvpTitle')}
        <span className="live-dot">{t('common.live')}</span>
      </h2>
      <div className="tally" aria-live="polite" aria-atomic="true">
        {RESPONSES.map((r) => (
          <div key={r} className="tally-item">
            <span className="tally-label">{t(`meetings.rsvp.${r}`)}</span>
            <span className="tally-number" data-testid={`rsvp-count-${r.toLowerCase()}`}>
              {counts[r]}
            </span>
          </div>
        ))}
      </div>
      {meeting.viewerCan.rsvp ? (
        <>
          <div className="button-row" role="group" aria-labelledby="rsvp-title">
            {RESPONSES.map((r) => {
              const chosen = answer === r;
              return (
                <button
                  key={r}
                  type="button"
                  className={`button ${chosen ? 'button-primary' : 'button-secondary'}`}
                  aria-pressed={chosen}
                  disabled={loading}
                  data-testid={`rsvp-${r.toLowerCase()}`}
                  onClick={() =>
                    void rsvp({ variables: { meetingId: meeting.id, response: r } }).catch(() => undefined)
                  }
                >
                  {chosen ? '✓ ' : ''}
                  {t(`meetings.rsvp.${r}`)}
                </button>
              );
            })}
          </div>
          <p className="muted small">{t('meetings.rsvpHint')}</p>
        </>
      ) : null}
      {answer ? (
        <p className="small" data-testid="rsvp-answer">
          {t('meetings.yourAnswer', { answer: t(`meetings.rsvp.${answer}`) })}
        </p>
      ) : null}
      {!meeting.viewerCan.rsvp && meeting.status === 'SCHEDULED' && !viewer && !viewerLoading ? (
        <SignInPrompt from={location.pathname} why={t('meetings.signInToRsvp')} />
      ) : !meeting.viewerCan.rsvp ? (
        <p className="muted small">{t('meetings.rsvpClosed')}</p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
