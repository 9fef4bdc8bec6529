import { useTranslation } from 'react-i18next';
import type { SurveyResultsFieldsFragment } from '../../gql/graphql';
import { formatDateTime } from '../common/format';
import { formatMean, formatShare, SCALE_POINTS, shareOf } from './surveyView';

type QuestionResult = SurveyResultsFieldsFragment['questions'][number];

interface QuestionInfo {
  id: string;
  position: number;
  prompt: string;
}

/**
 * The live aggregate: per question a bar per option (count and percent of those who answered it), a
 * scale's mean and distribution, and free-text answers for the fund's side. The numbers are text; the bars
 * are decoration (aria-hidden), so a screen reader hears "North: 2 (50%)".
 */
export function SurveyResults({
  results,
  questions,
  textAnswersVisible,
}: {
  results: SurveyResultsFieldsFragment;
  questions: readonly QuestionInfo[];
  textAnswersVisible: boolean;
}) {
  const { t } = useTranslation();
  const byId = new Map(questions.map((q) => [q.id, q]));
  return (
    <section className="card stack" aria-labelledby="survey-results-title" data-testid="survey-results">
      <h2 id="survey-results-title">{t('surveys.results')}</h2>
      <p className="muted small" aria-live="polite">
        <span data-testid="survey-response-count">{t('surveys.responses', { count: results.responseCount })}</span>
        {results.assistedResponseCount > 0 ? (
          <> · {t('surveys.assistedResponses', { count: results.assistedResponseCount })}</>
        ) : null}{' '}
        · <span className="live-dot">{t('common.live')}</span>
      </p>
      <ul className="item-list">
        {results.questions.map((r) => {
          const q = byId.get(r.questionId);
          return (
            <li key={r.questionId} className="market-item stack" data-testid="survey-question-result">
              <h3>{q ? t('surveys.questionHeading', { n: q.position, prompt: q.prompt }) : null}</h3>
              <p className="muted small">{t('surveys.answered', { count: r.answeredCount })}</p>
              <QuestionResultBody result={r} textAnswersVisible={textAnswersVisible} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function QuestionResultBody({
  result: r,
  textAnswersVisible,
}: {
  result: QuestionResult;
  textAnswersVisible: boolean;
}) {
  const { t, i18n } = useTranslation();
  switch (r.kind) {
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE':
      return (
        <ul className="item-list">
          {r.options.map((o) => (
            <Bar key={o.index} label={o.label} count={o.count} total={r.answeredCount} testId="survey-option-result" />
          ))}
        </ul>
      );
    case 'SCALE': {
      const distribution = r.scaleDistribution ?? [];
      return (
        <>
          <p data-testid="survey-scale-mean">
            {r.scaleMean === null || r.scaleMean === undefined
              ? t('surveys.noMean')
              : t('surveys.mean', { mean: formatMean(r.scaleMean, i18n.language), max: SCALE_POINTS.length })}
          </p>
          <ul className="item-list">
            {SCALE_POINTS.map((point, i) => (
              <Bar
                key={point}
                label={t('surveys.scalePoint', { point })}
                count={distribution[i] ?? 0}
                total={r.answeredCount}
                testId="survey-scale-result"
              />
            ))}
          </ul>
        </>
      );
    }
    case 'FREE_TEXT':
      if (!textAnswersVisible || !r.textAnswers) return <p className="muted small">{t('surveys.textPrivate')}</p>;
      if (r.textAnswers.length === 0) return <p className="empty">{t('surveys.noTextAnswers')}</p>;
      return (
        <ul className="item-list">
          {r.textAnswers.map((a, i) => (
            <li key={`${a.createdAt}-${i}`} className="market-item" data-testid="survey-text-answer">
              <p className="prose">{a.text}</p>
              <p className="muted small">
                <time dateTime={a.createdAt}>{formatDateTime(a.createdAt, i18n.language)}</time>
                {a.assisted ? <> · {t('surveys.onPaper')}</> : null}
              </p>
            </li>
          ))}
        </ul>
      );
  }
}

function Bar({ label, count, total, testId }: { label: string; count: number; total: number; testId: string }) {
  const { t, i18n } = useTranslation();
  const share = shareOf(count, total);
  return (
    <li data-testid={testId} data-count={count}>
      <p>
        <span>{label}</span>:{' '}
        <strong>{t('surveys.countPercent', { count, percent: formatShare(share, i18n.language) })}</strong>
      </p>
      <div className="progress-track" aria-hidden="true">
        <div className="progress-fill" style={{ width: `${share * 100}%` }} />
      </div>
    </li>
  );
}
