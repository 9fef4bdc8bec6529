import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CreateSurveyDocument, SurveyProposalOptionsDocument, type SurveyQuestionKind } from '../../gql/graphql';
import { errorInfo, formErrors } from '../common/errors';
import { Field } from '../common/Field';
import { FormSubmit } from '../common/FormSubmit';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { SURVEY_LIMITS } from './surveyView';

const KINDS: readonly SurveyQuestionKind[] = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'SCALE', 'FREE_TEXT'];
const isChoice = (kind: SurveyQuestionKind): boolean => kind === 'SINGLE_CHOICE' || kind === 'MULTIPLE_CHOICE';

interface QuestionDraft {
  key: number;
  kind: SurveyQuestionKind;
  prompt: string;
  required: boolean;
  options: string[];
}

let lastKey = 0;

/** A blank question with a key unique on the page (React list keys). */
function newQuestion(kind: SurveyQuestionKind = 'SINGLE_CHOICE'): QuestionDraft {
  lastKey += 1;
  return { key: lastKey, kind, prompt: '', required: true, options: isChoice(kind) ? ['', ''] : [] };
}

/**
 * GOVERNMENT / FUND_ADMIN: draft a survey for the fund or one proposal, adding and removing questions and
 * options. It is created as a DRAFT (its questions cannot change afterwards) and opened from its page.
 */
export function CreateSurveyForm({ fundId, initialProposalId }: { fundId: string; initialProposalId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [proposalId, setProposalId] = useState(initialProposalId);
  const [questions, setQuestions] = useState<QuestionDraft[]>(() => [newQuestion()]);
  const proposals = useQuery(SurveyProposalOptionsDocument, { variables: { fundId } });
  const [create, { loading, error }] = useMutation(CreateSurveyDocument, { refetchQueries: ['Surveys'] });

  const errors = formErrors(error, ['title', 'description', 'proposalId']);
  const info = error ? errorInfo(error) : null;
  const questionMatch = info?.field ? /^questions\.(\d+)\.(\w+)/.exec(info.field) : null;
  const questionError = (i: number, field: string): string | null =>
    questionMatch && Number(questionMatch[1]) === i && questionMatch[2] === field ? (info?.message ?? null) : null;

  const change = (key: number, patch: Partial<QuestionDraft>) =>
    setQuestions((list) => list.map((q) => (q.key === key ? { ...q, ...patch } : q)));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await create({
      variables: {
        input: {
          fundId,
          proposalId: proposalId || null,
          title: title.trim(),
          description: description.trim() || null,
          questions: questions.map((q) => ({
            kind: q.kind,
            prompt: q.prompt.trim(),
            required: q.required,
            options: isChoice(q.kind) ? q.options.map((o) => o.trim()) : [],
          })),
        },
      },
    }).catch(() => null);
    const survey = result?.data?.createSurvey;
    if (survey) void navigate(`/surveys/${survey.id}`);
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="create-survey-title" data-testid="create-survey-form">
      <h2 id="create-survey-title">{t('surveys.createTitle')}</h2>
      <p className="muted small">{t('surveys.createIntro')}</p>
      <TextField
        label={t('surveys.titleLabel')}
        required
        limit={SURVEY_LIMITS.title}
        value={title}
        onChange={setTitle}
        error={errors.field('title')}
        testId="create-survey-title"
      />
      <TextField
        label={t('surveys.descriptionLabel')}
        optional
        rows={3}
        limit={SURVEY_LIMITS.description}
        value={description}
        onChange={setDescription}
        error={errors.field('description')}
      />
      <SelectField
        label={t('surveys.proposalLabel')}
        optional
        value={proposalId}
        onChange={setProposalId}
        emptyOption={t('surveys.wholeFund')}
        options={(proposals.data?.proposals.nodes ?? []).map((p) => ({ value: p.id, label: p.title }))}
        error={errors.field('proposalId')}
        testId="create-survey-proposal"
      />

      {questions.map((q, i) => (
        <fieldset key={q.key} className="fieldset" data-testid="create-survey-question">
          <legend>{t('surveys.questionNumber', { n: i + 1 })}</legend>
          <SelectField
            label={t('surveys.kindLabel')}
            value={q.kind}
            onChange={(value) => {
              const kind = value as SurveyQuestionKind;
              change(q.key, {
                kind,
                options: isChoice(kind) ? (q.options.length >= 2 ? q.options : ['', '']) : [],
              });
            }}
            options={KINDS.map((kind) => ({ value: kind, label: t(`surveys.kind.${kind}`) }))}
            testId="create-survey-kind"
          />
          <TextField
            label={t('surveys.promptLabel')}
            required
            limit={SURVEY_LIMITS.prompt}
            value={q.prompt}
            onChange={(prompt) => change(q.key, { prompt })}
            error={questionError(i, 'prompt')}
            testId="create-survey-prompt"
          />
          {isChoice(q.kind) ? (
            <OptionsEditor
              questionNumber={i + 1}
              options={q.options}
              onChange={(options) => change(q.key, { options })}
              error={questionError(i, 'options')}
            />
          ) : null}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={q.required}
              onChange={(e) => change(q.key, { required: e.target.checked })}
            />
            {t('surveys.requiredLabel')}
          </label>
          {questions.length > SURVEY_LIMITS.questions.min ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setQuestions((list) => list.filter((x) => x.key !== q.key))}
            >
              {t('surveys.removeQuestion', { n: i + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      {questions.length < SURVEY_LIMITS.questions.max ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setQuestions((list) => [...list, newQuestion()])}
          data-testid="create-survey-add-question"
        >
          {t('surveys.addQuestion')}
        </button>
      ) : null}
      <FormSubmit
        label={t('surveys.createSubmit')}
        loading={loading}
        error={error}
        showError={errors.general && questionMatch === null}
        testId="create-survey-submit"
      />
    </form>
  );
}

function OptionsEditor({
  questionNumber,
  options,
  onChange,
  error,
}: {
  questionNumber: number;
  options: string[];
  onChange: (options: string[]) => void;
  error: string | null;
}) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      {options.map((option, j) => (
        <div key={j} className="toolbar">
          <Field label={t('surveys.optionLabel', { n: j + 1 })}>
            <input
              type="text"
              required
              maxLength={SURVEY_LIMITS.option.max}
              value={option}
              onChange={(e) => onChange(options.map((o, k) => (k === j ? e.target.value : o)))}
              data-testid="create-survey-option"
            />
          </Field>
          {options.length > SURVEY_LIMITS.options.min ? (
            <button
              type="button"
              className="button button-link"
              onClick={() => onChange(options.filter((_, k) => k !== j))}
              aria-label={t('surveys.removeOptionOf', { n: j + 1, question: questionNumber })}
            >
              {t('surveys.removeOption')}
            </button>
          ) : null}
        </div>
      ))}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {options.length < SURVEY_LIMITS.options.max ? (
        <button
          type="button"
          className="button button-link"
          onClick={() => onChange([...options, ''])}
          data-testid="create-survey-add-option"
        >
          {t('surveys.addOption')}
        </button>
      ) : null}
    </div>
  );
}
