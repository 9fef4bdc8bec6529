import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MeetingProposalOptionsDocument, ScheduleMeetingDocument, type MeetingKind } from '../../gql/graphql';
import { formErrors } from '../common/errors';
import { FormSubmit } from '../common/FormSubmit';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { fromDateTimeLocalValue, MEETING_LIMITS, toDateTimeLocalValue } from './meetingFormat';

const KINDS: readonly MeetingKind[] = ['PUBLIC_CONSULTATION', 'SYMPOSIUM'];

function isKind(value: string): value is MeetingKind {
  return (KINDS as readonly string[]).includes(value);
}

/** GOVERNMENT or FUND_ADMIN: schedule a symposium or public consultation, optionally on a proposal. */
export function ScheduleMeetingForm({ fundId, initialProposalId }: { fundId: string; initialProposalId: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<MeetingKind>('PUBLIC_CONSULTATION');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [location, setLocation] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [proposalId, setProposalId] = useState(initialProposalId);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  const options = useQuery(MeetingProposalOptionsDocument, { variables: { fundId } });
  const [schedule, { loading, error }] = useMutation(ScheduleMeetingDocument, {
    refetchQueries: ['Meetings', 'ProposalMeetings'],
  });
  const errors = formErrors(error, ['title', 'description', 'location', 'startsAt', 'endsAt', 'proposalId', 'kind']);
  const now = toDateTimeLocalValue(new Date());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const start = fromDateTimeLocalValue(startsAt);
    if (!start) return;
    const result = await schedule({
      variables: {
        input: {
          fundId,
          kind,
          title: title.trim(),
          description: description.trim() || null,
          location: location.trim(),
          startsAt: start,
          endsAt: fromDateTimeLocalValue(endsAt),
          proposalId: proposalId || null,
        },
      },
    }).catch(() => null);
    const meeting = result?.data?.scheduleMeeting;
    if (meeting) {
      setTitle('');
      setDescription('');
      setLocation('');
      setStartsAt('');
      setEndsAt('');
      setCreated({ id: meeting.id, title: meeting.title });
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="schedule-meeting-title" data-testid="schedule-meeting">
      <h2 id="schedule-meeting-title">{t('meetings.scheduleTitle')}</h2>
      <p className="muted small">{t('meetings.scheduleIntro')}</p>
      <SelectField
        label={t('meetings.kindLabel')}
        required
        value={kind}
        onChange={(v) => {
          if (isKind(v)) setKind(v);
        }}
        options={KINDS.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))}
        testId="meeting-kind"
      />
      <TextField
        label={t('meetings.titleLabel')}
        required
        limit={MEETING_LIMITS.title}
        value={title}
        onChange={setTitle}
        error={errors.field('title')}
        testId="meeting-title"
      />
      <TextField
        label={t('meetings.descriptionLabel')}
        rows={3}
        optional
        limit={{ max: MEETING_LIMITS.description.max }}
        countChars
        value={description}
        onChange={setDescription}
        error={errors.field('description')}
        testId="meeting-description"
      />
      <TextField
        label={t('meetings.locationLabel')}
        hint={t('meetings.locationHint')}
        required
        limit={MEETING_LIMITS.location}
        value={location}
        onChange={setLocation}
        error={errors.field('location')}
        testId="meeting-location"
      />
      <TextField
        label={t('meetings.startsAtLabel')}
        type="datetime-local"
        required
        min={now}
        value={startsAt}
        onChange={setStartsAt}
        error={errors.field('startsAt')}
        testId="meeting-starts-at"
      />
      <TextField
        label={t('meetings.endsAtLabel')}
        type="datetime-local"
        optional
        min={startsAt || now}
        value={endsAt}
        onChange={setEndsAt}
        error={errors.field('endsAt')}
        testId="meeting-ends-at"
      />
      <SelectField
        label={t('meetings.proposalLabel')}
        optional
        value={proposalId}
        onChange={setProposalId}
        emptyOption={t('meetings.noProposal')}
        options={(options.data?.proposals.nodes ?? []).map((p) => ({ value: p.id, label: p.title }))}
        error={errors.field('proposalId')}
        testId="meeting-proposal"
      />
      <FormSubmit
        label={t('meetings.scheduleSubmit')}
        loading={loading}
        error={error}
        showError={errors.general}
        testId="meeting-schedule-submit"
      />
      {created ? (
        <p className="notice notice-success" role="status">
          {t('meetings.scheduled')} <Link to={`/meetings/${created.id}`}>{created.title}</Link>
        </p>
      ) : null}
    </form>
  );
}
