import { useTranslation } from 'react-i18next';
import type { MeetingDetailFieldsFragment } from '../../gql/graphql';
import { formatDateTime } from '../common/format';
import { AssistedBadge } from './MeetingBadges';

/** The fund's side: what was entered from paper forms at this meeting, each marked as assisted with who entered it. */
export function AssistedEntries({ meeting }: { meeting: MeetingDetailFieldsFragment }) {
  const { t, i18n } = useTranslation();
  const votes = meeting.assistedVotes ?? [];
  const feedback = meeting.assistedFeedback ?? [];
  if (votes.length === 0 && feedback.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="assisted-entries-title" data-testid="assisted-entries">
      <h2 id="assisted-entries-title">{t('meetings.assistedEntriesTitle')}</h2>
      {votes.length > 0 ? (
        <>
          <h3>{t('meetings.assistedVotesTitle')}</h3>
          <ul className="item-list">
            {votes.map((v) => (
              <li key={v.resident.id} data-testid="assisted-vote">
                <AssistedBadge />{' '}
                {t('meetings.assistedVoteLine', {
                  resident: v.resident.displayName,
                  choice: t(`meetings.choice.${v.choice}`),
                })}{' '}
                <span className="muted small">
                  {t('meetings.recordedBy', { name: v.recordedBy.displayName })} ·{' '}
                  {formatDateTime(v.recordedAt, i18n.language)}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {feedback.length > 0 ? (
        <>
          <h3>{t('meetings.assistedFeedbackTitle')}</h3>
          <ul className="item-list">
            {feedback.map((f) => (
              <li key={f.id} className="market-item" data-testid="assisted-feedback">
                <p className="small">
                  {f.assisted ? <AssistedBadge /> : null} <strong>{f.author.displayName}</strong>{' '}
                  <span className="muted">
                    {f.recordedBy ? t('meetings.recordedBy', { name: f.recordedBy.displayName }) : null} ·{' '}
                    {formatDateTime(f.createdAt, i18n.language)}
                  </span>
                </p>
                <p>{f.body}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
