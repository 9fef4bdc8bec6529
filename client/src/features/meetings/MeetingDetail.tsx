import { useQuery, useSubscription } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MeetingDocument, MeetingUpdatedDocument, type MeetingDetailFieldsFragment } from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/format';
import { Loading } from '../common/Loading';
import { AssistedEntries } from './AssistedEntries';
import { AssistedEntryPanel } from './AssistedEntryPanel';
import { AttendeeList } from './AttendeeList';
import { CancelMeetingForm, PublishMinutesForm } from './MeetingAdminForms';
import { MeetingKindTag, MeetingStatusBadge } from './MeetingBadges';
import { meetingTime } from './meetingFormat';
import { RsvpPanel } from './RsvpPanel';

/** One meeting, kept live (answers, cancellation, minutes, assisted entries) by meetingUpdated. */
export function MeetingDetail({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(MeetingDocument, { variables: { id: meetingId } });
  useSubscription(MeetingUpdatedDocument, { variables: { meetingId }, skip: !data?.meeting });

  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const meeting = data?.meeting;
  if (!meeting) {
    return (
      <div className="stack">
        <p className="notice">{t('meetings.notFound')}</p>
        <Link to="/meetings">← {t('meetings.back')}</Link>
      </div>
    );
  }

  return (
    <div className="stack-lg">
      <nav aria-label={t('meetings.back')}>
        <Link to="/meetings" className="back-link">
          ← {t('meetings.back')}
        </Link>
      </nav>
      <MeetingHeader meeting={meeting} />
      <div className="proposal-layout">
        <div className="stack proposal-side">
          <RsvpPanel meeting={meeting} />
          {meeting.viewerCan.cancel ? <CancelMeetingForm meetingId={meeting.id} /> : null}
        </div>
        <div className="stack proposal-main">
          {meeting.description ? (
            <section className="card" aria-labelledby="meeting-about-title">
              <h2 id="meeting-about-title">{t('meetings.about')}</h2>
              <div className="prose">{meeting.description}</div>
            </section>
          ) : null}
          <Minutes meeting={meeting} />
          {meeting.viewerCan.publishMinutes ? (
            <PublishMinutesForm meetingId={meeting.id} current={meeting.minutes ?? null} />
          ) : null}
          {meeting.viewerCan.recordAssisted ? <AssistedEntryPanel meeting={meeting} /> : null}
          {meeting.viewerCan.seeAttendees ? <AssistedEntries meeting={meeting} /> : null}
          {meeting.attendees ? <AttendeeList attendees={meeting.attendees} /> : null}
        </div>
      </div>
    </div>
  );
}

function MeetingHeader({ meeting }: { meeting: MeetingDetailFieldsFragment }) {
  const { t, i18n } = useTranslation();
  return (
    <header className="stack">
      <div className="card-meta">
        <MeetingKindTag kind={meeting.kind} />
        <MeetingStatusBadge status={meeting.status} />
      </div>
      <h1>{meeting.title}</h1>
      {meeting.status === 'CANCELLED' ? (
        <p className="notice notice-error" data-testid="meeting-cancelled">
          {t('meetings.cancelledNotice', { reason: meeting.cancelReason ?? '' })}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('meetings.when')}</dt>
          <dd data-testid="meeting-when">
            <time dateTime={meeting.startsAt}>{meetingTime(meeting.startsAt, meeting.endsAt, i18n.language)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('meetings.where')}</dt>
          <dd data-testid="meeting-where">{meeting.location}</dd>
        </div>
        {meeting.proposal ? (
          <div>
            <dt>{t('meetings.forProposal')}</dt>
            <dd>
              <Link to={`/proposals/${meeting.proposal.id}`}>{meeting.proposal.title}</Link>
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="muted small">{t('meetings.scheduledBy', { name: meeting.createdBy.displayName })}</p>
    </header>
  );
}

function Minutes({ meeting }: { meeting: MeetingDetailFieldsFragment }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="meeting-minutes-title" data-testid="meeting-minutes">
      <h2 id="meeting-minutes-title">{t('meetings.minutesTitle')}</h2>
      {meeting.minutes ? (
        <>
          <div className="prose" data-testid="meeting-minutes-text">
            {meeting.minutes}
          </div>
          {meeting.minutesPublishedAt ? (
            <p className="muted small">
              {t('meetings.minutesPublished', {
                date: formatDateTime(meeting.minutesPublishedAt, i18n.language),
                name: meeting.minutesPublishedBy?.displayName ?? '',
              })}
            </p>
          ) : null}
        </>
      ) : meeting.status !== 'CANCELLED' ? (
        <p className="empty">{t('meetings.noMinutes')}</p>
      ) : null}
      {meeting.assistedEntries > 0 ? (
        <p className="muted small" data-testid="meeting-assisted-count">
          {t('meetings.assistedCount', { count: meeting.assistedEntries })}
        </p>
      ) : null}
    </section>
  );
}
