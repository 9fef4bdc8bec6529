import { useMutation, useQuery } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CreateProposalDocument, NeedOptionsDocument, type Category } from '../../gql/graphql';
import { AmountField, useAmountInput } from '../common/AmountField';
import { formErrors } from '../common/errors';
import { FormSubmit } from '../common/FormSubmit';
import { CategoryField, SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';

interface CreateProposalFormProps {
  fundId: string;
  currency: string;
}

export function CreateProposalForm({ fundId, currency }: CreateProposalFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [body, setBody] = useState('');
  const [category, setCategory] = useState<Category>('OTHER');
  const [needId, setNeedId] = useState('');
  const budget = useAmountInput('proposal-budget', currency, LIMITS.budgetMinor);
  const needs = useQuery(NeedOptionsDocument, { variables: { fundId } });
  const [createProposal, { loading, error }] = useMutation(CreateProposalDocument, {
    refetchQueries: ['Proposals', 'FundCounts'],
  });
  const errors = formErrors(error, ['title', 'summary', 'body', 'category', 'budgetMinor', 'needId']);
  const fieldError = errors.field;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const budgetMinor = budget.take();
    if (budgetMinor === null) return;
    const result = await createProposal({
      variables: {
        input: {
          fundId,
          needId: needId || null,
          title: title.trim(),
          summary: summary.trim(),
          body: body.trim(),
          category,
          budgetMinor,
        },
      },
    }).catch(() => null);
    const id = result?.data?.createProposal.id;
    if (id) void navigate(`/proposals/${id}`);
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <TextField
        label={t('proposals.proposalTitle')}
        required
        limit={LIMITS.proposalTitle}
        countChars
        value={title}
        onChange={setTitle}
        error={fieldError('title')}
      />
      <TextField
        label={t('proposals.summary')}
        rows={2}
        required
        limit={LIMITS.proposalSummary}
        countChars
        value={summary}
        onChange={setSummary}
        error={fieldError('summary')}
      />
      <TextField
        label={t('proposals.body')}
        rows={6}
        required
        limit={LIMITS.proposalBody}
        countChars
        value={body}
        onChange={setBody}
        error={fieldError('body')}
      />
      <div className="form-row">
        <CategoryField
          label={t('proposals.category')}
          value={category}
          onChange={(c) => c && setCategory(c)}
          error={fieldError('category')}
        />
        <AmountField
          label={t('proposals.budgetLabel')}
          amount={budget}
          currency={currency}
          error={fieldError('budgetMinor')}
        />
      </div>
      <SelectField
        label={t('proposals.need')}
        optional
        value={needId}
        onChange={setNeedId}
        emptyOption={t('proposals.noNeed')}
        options={(needs.data?.needs.nodes ?? []).map((n) => ({ value: n.id, label: n.title }))}
        error={fieldError('needId')}
      />
      <FormSubmit label={t('proposals.submit')} loading={loading} error={error} showError={errors.general} />
    </form>
  );
}
