import { useMutation } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RespondToFeedbackDocument, type FeedbackFieldsFragment, type FeedbackStatus } from '../../../gql/graphql';
import { formErrors } from '../../common/errors';
import { FormSubmit } from '../../common/FormSubmit';
import { SelectField } from '../../common/SelectField';
import { TextField } from '../../common/TextField';
import { nextFeedbackStatuses } from './feedbackStatus';

/** The fund's side answers an item: the next status (by the shared life cycle) and the response text. */
export function RespondForm({ feedback }: { feedback: FeedbackFieldsFragment }) {
  const { t } = useTranslation();
  const choices = nextFeedbackStatuses(feedback.status);
  const [status, setStatus] = useState<FeedbackStatus | ''>(choices[0] ?? '');
  const [response, setResponse] = useState('');
  const [open, setOpen] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState(false);
  const [respond, { loading, error }] = useMutation(RespondToFeedbackDocument, {
    refetchQueries: ['FeedbackResponsiveness', 'FeedbackList'],
  });
  const errors = formErrors(error, ['status', 'response']);
  // Opening the form takes the keyboard to its first input.
  useEffect(() => {
    if (open) formRef.current?.querySelector('select')?.focus();
  }, [open]);

  if (choices.length === 0) return <p className="muted small">{t('participation.feedback.final')}</p>;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    if (!status) return;
    const result = await respond({
      variables: { feedbackId: feedback.id, status, response: response.trim() },
    }).catch(() => null);
    if (result?.data) {
      setResponse('');
      setDone(true);
      setOpen(false);
    }
  }

  if (!open) {
    return (
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary button-small"
          data-testid="feedback-respond-open"
          aria-label={t('participation.feedback.respondNamed', { name: feedback.author.displayName })}
          onClick={() => {
            setDone(false);
            setOpen(true);
          }}
        >
          {t('participation.feedback.respondTitle')}
        </button>
        {done ? (
          <span className="small" role="status">
            {t('participation.feedback.respondDone')}
          </span>
        ) : null}
      </div>
    );
  }

  return (
    <form
      ref={formRef}
      className="form action-block"
      onSubmit={onSubmit}
      aria-label={t('participation.feedback.respondTitle')}
    >
      <h3 className="small">{t('participation.feedback.respondTitle')}</h3>
      <SelectField
        label={t('participation.feedback.respondStatus')}
        value={status}
        required
        testId="feedback-respond-status"
        options={choices.map((s) => ({ value: s, label: t(`participation.feedback.status.${s}`) }))}
        onChange={(value) => setStatus(choices.find((s) => s === value) ?? '')}
        error={errors.field('status')}
      />
      <TextField
        label={t('participation.feedback.respondText')}
        value={response}
        onChange={setResponse}
        rows={3}
        required
        limit={LIMITS.feedbackResponse}
        countChars
        testId="feedback-respond-text"
        error={errors.field('response')}
      />
      <div className="button-row">
        <FormSubmit
          label={t('participation.feedback.respondSubmit')}
          loading={loading}
          error={error}
          showError={errors.general}
          testId="feedback-respond-submit"
        />
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
