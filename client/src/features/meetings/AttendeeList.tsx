import { useTranslation } from 'react-i18next';
import type { MeetingDetailFieldsFragment } from '../../gql/graphql';
import { formatDateTime } from '../common/format';

type Attendee = NonNullable<MeetingDetailFieldsFragment['attendees']>[number];

/** Who answered and how: the server sends names to the fund's side only. */
export function AttendeeList({ attendees }: { attendees: readonly Attendee[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="attendees-title" data-testid="meeting-attendees">
      <h2 id="attendees-title">{t('meetings.attendeesTitle')}</h2>
      <p className="muted small">{t('meetings.attendeesIntro')}</p>
      {attendees.length === 0 ? (
        <p className="empty">{t('meetings.noAttendees')}</p>
      ) : (
        <ul className="item-list">
          {attendees.map((a) => (
            <li key={a.user.id} data-testid="meeting-attendee">
              <strong>{a.user.displayName}</strong> · {t(`meetings.rsvp.${a.response}`)}{' '}
              <span className="muted small">
                ({t(`roles.${a.user.role}`)},{' '}
                {t('meetings.respondedAt', { date: formatDateTime(a.respondedAt, i18n.language) })})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
