import { useMutation, useQuery } from '@apollo/client/react';
import { LIMITS, formatMoney } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CreateProposalDocument, NeedOptionsDocument, type Category } from '../../gql/graphql';
import { CATEGORIES, isCategory } from '../common/constants';
import { formErrors } from '../common/errors';
import { ErrorNotice } from '../common/ErrorNotice';
import { Field } from '../common/Field';
import { parseBudget } from './budget';

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
  const [budgetText, setBudgetText] = useState('');
  const [budgetTouched, setBudgetTouched] = useState(false);
  const needs = useQuery(NeedOptionsDocument, { variables: { fundId } });
  const [createProposal, { loading, error }] = useMutation(CreateProposalDocument, {
    refetchQueries: ['Proposals', 'FundCounts'],
  });
  const errors = formErrors(error, ['title', 'summary', 'body', 'category', 'budgetMinor', 'needId']);
  const fieldError = errors.field;

  const budgetMinor = parseBudget(budgetText, currency);
  const budgetError =
    budgetTouched && budgetText && budgetMinor === null ? t('proposals.budgetInvalid') : fieldError('budgetMinor');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBudgetTouched(true);
    if (budgetMinor === null) {
      document.getElementById('proposal-budget')?.focus();
      return;
    }
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
      <Field
        label={t('proposals.proposalTitle')}
        hint={t('common.charCount', { count: title.length, max: LIMITS.proposalTitle.max })}
        error={fieldError('title')}
      >
        <input
          type="text"
          required
          minLength={LIMITS.proposalTitle.min}
          maxLength={LIMITS.proposalTitle.max}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </Field>
      <Field
        label={t('proposals.summary')}
        hint={t('common.charCount', { count: summary.length, max: LIMITS.proposalSummary.max })}
        error={fieldError('summary')}
      >
        <textarea
          rows={2}
          required
          minLength={LIMITS.proposalSummary.min}
          maxLength={LIMITS.proposalSummary.max}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
      </Field>
      <Field
        label={t('proposals.body')}
        hint={t('common.charCount', { count: body.length, max: LIMITS.proposalBody.max })}
        error={fieldError('body')}
      >
        <textarea
          rows={6}
          required
          minLength={LIMITS.proposalBody.min}
          maxLength={LIMITS.proposalBody.max}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
      </Field>
      <div className="form-row">
        <Field label={t('proposals.category')} error={fieldError('category')}>
          <select value={category} onChange={(e) => isCategory(e.target.value) && setCategory(e.target.value)}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`categories.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="proposal-budget"
          label={t('proposals.budgetLabel')}
          hint={budgetMinor !== null ? `= ${formatMoney(budgetMinor, currency)}` : t('proposals.budgetHint')}
          error={budgetError}
        >
          <input
            type="text"
            inputMode="decimal"
            autoComplete="off"
            required
            value={budgetText}
            onChange={(e) => setBudgetText(e.target.value)}
            onBlur={() => setBudgetTouched(true)}
          />
        </Field>
      </div>
      <Field label={t('proposals.need')} optional optionalLabel={t('common.optional')} error={fieldError('needId')}>
        <select value={needId} onChange={(e) => setNeedId(e.target.value)}>
          <option value="">{t('proposals.noNeed')}</option>
          {(needs.data?.needs.nodes ?? []).map((n) => (
            <option key={n.id} value={n.id}>
              {n.title}
            </option>
          ))}
        </select>
      </Field>
      {error && errors.general ? <ErrorNotice error={error} /> : null}
      <button type="submit" className="button button-primary" disabled={loading}>
        {loading ? t('common.submitting') : t('proposals.submit')}
      </button>
    </form>
  );
}
