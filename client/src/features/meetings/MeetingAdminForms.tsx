import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CancelMeetingDocument, PublishMeetingMinutesDocument } from '../../gql/graphql';
import { formErrors } from '../common/errors';
import { FormSubmit } from '../common/FormSubmit';
import { TextField } from '../common/TextField';
import { MEETING_LIMITS } from './meetingFormat';

/** The fund's side: cancel a scheduled meeting, with a reason everyone sees. */
export function CancelMeetingForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [cancel, { loading, error }] = useMutation(CancelMeetingDocument, { refetchQueries: ['Meetings'] });
  const errors = formErrors(error, ['reason']);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void cancel({ variables: { meetingId, reason: reason.trim() } }).catch(() => undefined);
  }

  return (
    <form className="form card" onSubmit={onSubmit} aria-labelledby="cancel-meeting-title" data-testid="cancel-meeting">
      <h2 id="cancel-meeting-title">{t('meetings.cancelTitle')}</h2>
      <TextField
        label={t('meetings.reasonLabel')}
        required
        limit={MEETING_LIMITS.cancelReason}
        value={reason}
        onChange={setReason}
        error={errors.field('reason')}
        testId="meeting-cancel-reason"
      />
      <FormSubmit
        label={t('meetings.cancelSubmit')}
        loading={loading}
        error={error}
        showError={errors.general}
        testId="meeting-cancel-submit"
      />
    </form>
  );
}

/** The fund's side, once the meeting has started: publish the minutes (or correct them). */
export function PublishMinutesForm({ meetingId, current }: { meetingId: string; current: string | null }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState(current ?? '');
  const [saved, setSaved] = useState(false);
  const [publish, { loading, error }] = useMutation(PublishMeetingMinutesDocument, { refetchQueries: ['Meetings'] });
  const errors = formErrors(error, ['minutes']);
  const correcting = current !== null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const result = await publish({ variables: { meetingId, minutes: minutes.trim() } }).catch(() => null);
    if (result?.data) setSaved(true);
  }

  return (
    <form
      className="form card"
      onSubmit={onSubmit}
      aria-labelledby="publish-minutes-title"
      data-testid="publish-minutes"
    >
      <h2 id="publish-minutes-title">{correcting ? t('meetings.correctTitle') : t('meetings.publishTitle')}</h2>
      <TextField
        label={t('meetings.minutesLabel')}
        hint={t('meetings.minutesHint')}
        rows={8}
        required
        limit={MEETING_LIMITS.minutes}
        value={minutes}
        onChange={setMinutes}
        error={errors.field('minutes')}
        testId="meeting-minutes-input"
      />
      <FormSubmit
        label={correcting ? t('meetings.correctSubmit') : t('meetings.publishSubmit')}
        loading={loading}
        error={error}
        showError={errors.general}
        success={saved ? t('meetings.minutesSaved') : null}
        testId="meeting-minutes-submit"
      />
    </form>
  );
}
