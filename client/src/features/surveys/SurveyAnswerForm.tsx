import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SubmitSurveyResponseDocument, type SurveyAnswerInput } from '../../gql/graphql';
import { errorInfo } from '../common/errors';
import { FormSubmit } from '../common/FormSubmit';
import { SCALE_POINTS, SURVEY_LIMITS, type SurveyView } from './surveyView';

type Question = SurveyView['questions'][number];

interface Draft {
  options: number[];
  scale: number | null;
  text: string;
}

const EMPTY: Draft = { options: [], scale: null, text: '' };

function isAnswered(d: Draft): boolean {
  return d.options.length > 0 || d.scale !== null || d.text.trim() !== '';
}

function toInput(q: Question, d: Draft): SurveyAnswerInput {
  switch (q.kind) {
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE':
      return { questionId: q.id, optionIndexes: d.options };
    case 'SCALE':
      return { questionId: q.id, scale: d.scale };
    case 'FREE_TEXT':
      return { questionId: q.id, text: d.text.trim() };
  }
}

/**
 * A resident answers an open survey: radio buttons, checkboxes, a 1–5 scale as a radio group, a textarea.
 * Required questions are checked here first (in the reader's language); an error from the server that names
 * `answers.<i>.…` is shown beside that question.
 */
export function SurveyAnswerForm({ survey }: { survey: SurveyView }) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [sent, setSent] = useState<SurveyAnswerInput[]>([]);
  const [submit, { loading, error }] = useMutation(SubmitSurveyResponseDocument);

  const info = error ? errorInfo(error) : null;
  const fieldMatch = info?.field ? /^answers\.(\d+)\./.exec(info.field) : null;
  const errorQuestionId = fieldMatch ? (sent[Number(fieldMatch[1])]?.questionId ?? null) : null;

  const draftOf = (id: string): Draft => drafts[id] ?? EMPTY;
  const update = (id: string, change: Partial<Draft>) => {
    setDrafts((all) => ({ ...all, [id]: { ...(all[id] ?? EMPTY), ...change } }));
    setMissing((list) => list.filter((m) => m !== id));
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const unanswered = survey.questions.filter((q) => q.required && !isAnswered(draftOf(q.id))).map((q) => q.id);
    setMissing(unanswered);
    if (unanswered.length > 0) {
      document.getElementById(`survey-q-${unanswered[0]}`)?.focus();
      return;
    }
    const answers = survey.questions.filter((q) => isAnswered(draftOf(q.id))).map((q) => toInput(q, draftOf(q.id)));
    setSent(answers);
    await submit({ variables: { input: { surveyId: survey.id, answers } } }).catch(() => null);
  }

  return (
    <form
      className="form card"
      onSubmit={onSubmit}
      aria-labelledby="survey-answer-title"
      noValidate
      data-testid="survey-answer-form"
    >
      <h2 id="survey-answer-title">{t('surveys.answerTitle')}</h2>
      <p className="muted small">{t('surveys.answerIntro')}</p>
      {survey.questions.map((q) => (
        <QuestionField
          key={q.id}
          question={q}
          draft={draftOf(q.id)}
          onChange={(change) => update(q.id, change)}
          error={
            missing.includes(q.id)
              ? t('surveys.requiredAnswer')
              : errorQuestionId === q.id
                ? (info?.message ?? null)
                : null
          }
        />
      ))}
      <FormSubmit
        label={t('surveys.submitAnswers')}
        loading={loading}
        error={error}
        showError={errorQuestionId === null}
        testId="survey-submit"
      />
    </form>
  );
}

function QuestionField({
  question: q,
  draft,
  onChange,
  error,
}: {
  question: Question;
  draft: Draft;
  onChange: (change: Partial<Draft>) => void;
  error: string | null;
}) {
  const { t } = useTranslation();
  const legendId = `survey-q-${q.id}`;
  const errorId = error ? `${legendId}-error` : undefined;
  const legend = (
    <>
      {t('surveys.questionHeading', { n: q.position, prompt: q.prompt })}
      {!q.required ? <span className="field-optional"> ({t('common.optional')})</span> : null}
    </>
  );
  const errorLine = error ? (
    <p className="field-error" id={errorId}>
      {error}
    </p>
  ) : null;

  if (q.kind === 'FREE_TEXT') {
    return (
      <div className={`field${error ? ' field-invalid' : ''}`} data-testid="survey-question">
        <label htmlFor={legendId}>{legend}</label>
        <textarea
          id={legendId}
          rows={4}
          maxLength={SURVEY_LIMITS.text.max}
          value={draft.text}
          aria-describedby={[`${legendId}-hint`, errorId].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange({ text: e.target.value })}
          data-testid="survey-text"
        />
        <p className="field-hint" id={`${legendId}-hint`}>
          {t('common.charCount', { count: draft.text.length, max: SURVEY_LIMITS.text.max })}
        </p>
        {errorLine}
      </div>
    );
  }

  const multiple = q.kind === 'MULTIPLE_CHOICE';
  const choices =
    q.kind === 'SCALE'
      ? SCALE_POINTS.map((point) => ({
          key: point,
          label:
            point === SCALE_POINTS[0]
              ? t('surveys.scaleLow', { point })
              : point === SCALE_POINTS.at(-1)
                ? t('surveys.scaleHigh', { point })
                : String(point),
          checked: draft.scale === point,
          select: () => onChange({ scale: point }),
          testId: `survey-scale-${point}`,
        }))
      : q.options.map((label, index) => ({
          key: index,
          label,
          checked: draft.options.includes(index),
          select: () =>
            onChange({
              options: multiple
                ? draft.options.includes(index)
                  ? draft.options.filter((i) => i !== index)
                  : [...draft.options, index].sort((a, b) => a - b)
                : [index],
            }),
          testId: 'survey-option',
        }));

  return (
    <fieldset
      className={`fieldset${error ? ' field-invalid' : ''}`}
      aria-describedby={errorId}
      data-testid="survey-question"
      data-kind={q.kind}
    >
      <legend id={legendId} tabIndex={-1}>
        {legend}
      </legend>
      {multiple ? <p className="field-hint">{t('surveys.chooseAny')}</p> : null}
      <div className="radio-row" role={q.kind === 'SCALE' ? 'radiogroup' : undefined} aria-labelledby={legendId}>
        {choices.map((c) => (
          <label key={c.key} className={multiple ? 'checkbox' : 'radio'}>
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={`q-${q.id}`}
              checked={c.checked}
              onChange={c.select}
              data-testid={c.testId}
            />
            {c.label}
          </label>
        ))}
      </div>
      {errorLine}
    </fieldset>
  );
}
