import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RecordAssistedFeedbackDocument,
  RecordAssistedVoteDocument,
  type MeetingDetailFieldsFragment,
  type VoteChoice,
} from '../../gql/graphql';
import { formErrors } from '../common/errors';
import { FormSubmit } from '../common/FormSubmit';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { MEETING_LIMITS } from './meetingFormat';

const CHOICES: readonly VoteChoice[] = ['SUPPORT', 'OPPOSE'];

type EntryKind = 'vote' | 'feedback';

/**
 * The fund's side, at a started meeting: enter a vote or feedback a resident
 * gave on paper. The resident is picked from those who answered (residents
 * only) or given by user id; the server records it as theirs, marked as
 * assisted, with the officer as who entered it.
 */
export function AssistedEntryPanel({ meeting }: { meeting: MeetingDetailFieldsFragment }) {
  const { t } = useTranslation();
  const residents = (meeting.attendees ?? []).filter((a) => a.user.role === 'RESIDENT').map((a) => a.user);
  // Votes go on the meeting's proposal while it is in consultation (the server checks the window too).
  const canVote = meeting.proposal?.status === 'CONSULTATION';
  const [picked, setPicked] = useState('');
  const [typedId, setTypedId] = useState('');
  const [kind, setKind] = useState<EntryKind>(canVote ? 'vote' : 'feedback');
  const [choice, setChoice] = useState<VoteChoice>('SUPPORT');
  const [body, setBody] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [recordVote, vote] = useMutation(RecordAssistedVoteDocument);
  const [recordFeedback, feedback] = useMutation(RecordAssistedFeedbackDocument, { refetchQueries: ['Meeting'] });
  const loading = vote.loading || feedback.loading;
  const error = kind === 'vote' ? vote.error : feedback.error;
  const errors = formErrors(error, ['residentId', 'body', 'choice']);
  const residentId = typedId.trim() || picked;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    if (!residentId) return;
    if (kind === 'vote') {
      const result = await recordVote({
        variables: { input: { meetingId: meeting.id, residentId, choice } },
      }).catch(() => null);
      const name = result?.data?.recordAssistedVote.resident.displayName;
      if (name) setSaved(name);
    } else {
      const result = await recordFeedback({
        variables: { input: { meetingId: meeting.id, residentId, body: body.trim() } },
      }).catch(() => null);
      const name = result?.data?.recordAssistedFeedback.author.displayName;
      if (name) {
        setBody('');
        setSaved(name);
      }
    }
  }

  return (
    <form className="form card" onSubmit={onSubmit} aria-labelledby="assisted-entry-title" data-testid="assisted-entry">
      <h2 id="assisted-entry-title">{t('meetings.assistedTitle')}</h2>
      <p className="small">{t('meetings.assistedIntro')}</p>
      <p className="muted small">{t('meetings.assistedLimitation')}</p>
      <SelectField
        label={t('meetings.residentFromList')}
        value={picked}
        onChange={setPicked}
        emptyOption={t('meetings.chooseResident')}
        options={residents.map((r) => ({ value: r.id, label: r.displayName }))}
        error={typedId.trim() ? null : errors.field('residentId')}
        testId="assisted-resident"
      />
      <TextField
        label={t('meetings.residentByIdLabel')}
        hint={t('meetings.residentByIdHint')}
        optional
        value={typedId}
        onChange={setTypedId}
        error={typedId.trim() ? errors.field('residentId') : null}
        testId="assisted-resident-id"
      />
      <fieldset className="fieldset">
        <legend>{t('meetings.entryKindLabel')}</legend>
        <div className="radio-row">
          <label className="radio">
            <input
              type="radio"
              name="assisted-kind"
              checked={kind === 'vote'}
              disabled={!canVote}
              onChange={() => setKind('vote')}
              data-testid="assisted-kind-vote"
            />
            {t('meetings.entryVote')}
          </label>
          <label className="radio">
            <input
              type="radio"
              name="assisted-kind"
              checked={kind === 'feedback'}
              onChange={() => setKind('feedback')}
              data-testid="assisted-kind-feedback"
            />
            {t('meetings.entryFeedback')}
          </label>
        </div>
        {!canVote ? <p className="muted small">{t('meetings.assistedNoVote')}</p> : null}
      </fieldset>
      {kind === 'vote' ? (
        <fieldset className="fieldset">
          <legend>{t('meetings.choiceLabel')}</legend>
          <div className="radio-row">
            {CHOICES.map((c) => (
              <label key={c} className="radio">
                <input
                  type="radio"
                  name="assisted-choice"
                  checked={choice === c}
                  onChange={() => setChoice(c)}
                  data-testid={`assisted-choice-${c.toLowerCase()}`}
                />
                {t(`meetings.choice.${c}`)}
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <TextField
          label={t('meetings.feedbackLabel')}
          rows={4}
          required
          limit={MEETING_LIMITS.feedback}
          countChars
          value={body}
          onChange={setBody}
          error={errors.field('body')}
          testId="assisted-feedback-body"
        />
      )}
      <FormSubmit
        label={t('meetings.assistedSubmit')}
        loading={loading}
        disabled={!residentId}
        error={error}
        showError={errors.general}
        success={saved ? t('meetings.assistedSaved', { name: saved }) : null}
        testId="assisted-submit"
      />
    </form>
  );
}
