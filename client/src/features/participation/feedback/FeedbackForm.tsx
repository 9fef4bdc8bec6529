import { useMutation, useQuery } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FeedbackProposalOptionsDocument, SubmitFeedbackDocument } from '../../../gql/graphql';
import { formErrors } from '../../common/errors';
import { FormSubmit } from '../../common/FormSubmit';
import { SelectField } from '../../common/SelectField';
import { TextField } from '../../common/TextField';

interface FeedbackFormProps {
  fundId: string;
  /** Feedback on this proposal only (the proposal page); otherwise the person chooses the fund or a proposal. */
  proposalId?: string;
  /** The proposal chosen at first (`/feedback?proposal=<id>`). */
  initialProposalId?: string | null;
}

/** Any signed-in user sends feedback on the fund or on a proposal. */
export function FeedbackForm({ fundId, proposalId, initialProposalId }: FeedbackFormProps) {
  const { t } = useTranslation();
  const [about, setAbout] = useState(initialProposalId ?? '');
  const [body, setBody] = useState('');
  const [sent, setSent] = useState(false);
  const options = useQuery(FeedbackProposalOptionsDocument, { variables: { fundId }, skip: Boolean(proposalId) });
  const [submit, { loading, error }] = useMutation(SubmitFeedbackDocument, {
    refetchQueries: ['FeedbackList', 'ProposalFeedback', 'FeedbackResponsiveness'],
  });
  const errors = formErrors(error, ['body', 'proposalId']);
  const proposals = options.data?.proposals.nodes ?? [];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSent(false);
    const result = await submit({
      variables: { input: { fundId, proposalId: proposalId ?? (about || null), body: body.trim() } },
    }).catch(() => null);
    if (result?.data) {
      setBody('');
      setSent(true);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} data-testid="feedback-form">
      {proposalId ? null : (
        <SelectField
          label={t('participation.feedback.about')}
          value={about}
          testId="feedback-about"
          emptyOption={t('participation.fundWide')}
          options={proposals.map((p) => ({ value: p.id, label: p.title }))}
          onChange={setAbout}
          error={errors.field('proposalId')}
        />
      )}
      <TextField
        label={t('participation.feedback.body')}
        hint={t('participation.feedback.bodyHint')}
        value={body}
        onChange={setBody}
        rows={4}
        required
        limit={LIMITS.feedbackBody}
        testId="feedback-body-input"
        error={errors.field('body')}
      />
      <FormSubmit
        label={t('participation.feedback.submit')}
        loading={loading}
        error={error}
        showError={errors.general}
        success={sent ? t('participation.feedback.sent') : null}
        testId="feedback-submit"
      />
    </form>
  );
}
