import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeetingCardFieldsFragment } from '../../gql/graphql';
import { MeetingKindTag, MeetingStatusBadge } from './MeetingBadges';
import { meetingTime } from './meetingFormat';

/** One meeting in a list: kind, status, time in the reader's language, place and the public answer counts. */
export function MeetingCard({
  meeting,
  heading = 'h3',
  showProposal = true,
}: {
  meeting: MeetingCardFieldsFragment;
  heading?: 'h2' | 'h3';
  showProposal?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const Heading = heading;
  const { going, maybe, notGoing } = meeting.rsvpCounts;
  return (
    <article className="market-item stack" data-testid="meeting-card">
      <div className="card-meta">
        <MeetingKindTag kind={meeting.kind} />
        <MeetingStatusBadge status={meeting.status} />
      </div>
      <Heading className="card-title">
        <Link to={`/meetings/${meeting.id}`} className="card-link">
          {meeting.title}
        </Link>
      </Heading>
      <dl className="facts">
        <div>
          <dt>{t('meetings.when')}</dt>
          <dd>
            <time dateTime={meeting.startsAt}>{meetingTime(meeting.startsAt, meeting.endsAt, i18n.language)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('meetings.where')}</dt>
          <dd>{meeting.location}</dd>
        </div>
        {showProposal && meeting.proposal ? (
          <div>
            <dt>{t('meetings.forProposal')}</dt>
            <dd>
              <Link to={`/proposals/${meeting.proposal.id}`}>{meeting.proposal.title}</Link>
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="muted small" data-testid="meeting-counts">
        {t('meetings.counts', { going, maybe, notGoing })}
        {meeting.viewerRsvp ? (
          <> · {t('meetings.yourAnswer', { answer: t(`meetings.rsvp.${meeting.viewerRsvp}`) })}</>
        ) : null}
      </p>
    </article>
  );
}
