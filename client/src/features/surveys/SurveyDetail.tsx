import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import {
  CloseSurveyDocument,
  OpenSurveyDocument,
  SurveyDocument,
  SurveyResultsUpdatedDocument,
} from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDate, formatDateTime } from '../common/format';
import { Loading } from '../common/Loading';
import { SignInPrompt } from '../common/SignInPrompt';
import { downloadSurveyCsv } from './downloadCsv';
import { SurveyAnswerForm } from './SurveyAnswerForm';
import { SurveyResults } from './SurveyResults';
import { SurveyStatusBadge } from './SurveyStatusBadge';
import type { SurveyView } from './surveyView';

/**
 * One survey: the answer form (or "you have answered"), the live results (surveyResultsUpdated writes the
 * new aggregate into the cache, so the bars move without a reload) and, for the fund's side, open/close and
 * the CSV download.
 */
export function SurveyDetail({ surveyId }: { surveyId: string }) {
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(SurveyDocument, { variables: { id: surveyId } });
  useSubscription(SurveyResultsUpdatedDocument, { variables: { surveyId }, skip: !data?.survey });

  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const survey = data?.survey;
  if (!survey) {
    return (
      <div className="stack">
        <p className="notice">{t('surveys.notFound')}</p>
        <Link to="/surveys">← {t('surveys.back')}</Link>
      </div>
    );
  }

  return (
    <div className="stack-lg">
      <nav aria-label={t('surveys.back')}>
        <Link to="/surveys" className="back-link">
          ← {t('surveys.back')}
        </Link>
      </nav>
      <header className="stack">
        <div className="card-meta">
          <SurveyStatusBadge status={survey.status} />
          {survey.openedAt ? (
            <span className="muted small">
              {t('surveys.openedOn', { date: formatDate(survey.openedAt, i18n.language) })}
            </span>
          ) : null}
          {survey.closedAt ? (
            <span className="muted small">
              {t('surveys.closedOn', { date: formatDate(survey.closedAt, i18n.language) })}
            </span>
          ) : null}
        </div>
        <h1 data-testid="survey-title">{survey.title}</h1>
        {survey.proposal ? (
          <p>
            {t('surveys.aboutProposal')} <Link to={`/proposals/${survey.proposal.id}`}>{survey.proposal.title}</Link>
          </p>
        ) : null}
        {survey.description ? <div className="prose">{survey.description}</div> : null}
      </header>

      <div className="proposal-layout">
        <div className="stack proposal-main">
          <Participation survey={survey} />
          <SurveyResults
            results={survey.results}
            questions={survey.questions}
            textAnswersVisible={survey.viewerCan.seeTextAnswers}
          />
        </div>
        {survey.viewerCan.open || survey.viewerCan.close || survey.viewerCan.exportCsv ? (
          <div className="stack proposal-side">
            <FundTools survey={survey} />
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** What the viewer can do as a respondent: answer, or see that they have. */
function Participation({ survey }: { survey: SurveyView }) {
  const { t, i18n } = useTranslation();
  const { viewer, loading } = useViewer();
  const location = useLocation();
  if (survey.viewerResponse) {
    return (
      <p className="notice notice-success" role="status" data-testid="survey-answered">
        {survey.viewerResponse.assisted ? t('surveys.answeredOnPaper') : t('surveys.youAnswered')}{' '}
        <span className="muted small">({formatDateTime(survey.viewerResponse.createdAt, i18n.language)})</span>
      </p>
    );
  }
  if (survey.viewerCan.respond) return <SurveyAnswerForm survey={survey} />;
  if (survey.status === 'CLOSED') return <p className="notice">{t('surveys.closedNotice')}</p>;
  if (survey.status === 'DRAFT') return <p className="notice">{t('surveys.draftNotice')}</p>;
  if (!viewer && !loading) return <SignInPrompt from={location.pathname} why={t('surveys.signInToAnswer')} />;
  if (viewer) return <p className="muted">{t('surveys.residentsOnly')}</p>;
  return null;
}

/** The fund's side: open, close, download the responses. */
function FundTools({ survey }: { survey: SurveyView }) {
  const { t } = useTranslation();
  const [open, opening] = useMutation(OpenSurveyDocument);
  const [close, closing] = useMutation(CloseSurveyDocument);
  const [csvState, setCsvState] = useState<'idle' | 'loading' | 'failed'>('idle');

  async function onDownload() {
    setCsvState('loading');
    try {
      await downloadSurveyCsv(survey.id);
      setCsvState('idle');
    } catch {
      setCsvState('failed');
    }
  }

  const mutationError = opening.error ?? closing.error;
  return (
    <section className="card stack" aria-labelledby="survey-tools-title">
      <h2 id="survey-tools-title">{t('surveys.tools')}</h2>
      {survey.status === 'DRAFT' ? <p className="muted small">{t('surveys.openHint')}</p> : null}
      {mutationError ? <ErrorNotice error={mutationError} /> : null}
      <div className="button-row">
        {survey.viewerCan.open ? (
          <button
            type="button"
            className="button button-primary"
            disabled={opening.loading}
            onClick={() => void open({ variables: { surveyId: survey.id } }).catch(() => null)}
            data-testid="survey-open"
          >
            {opening.loading ? t('common.submitting') : t('surveys.open')}
          </button>
        ) : null}
        {survey.viewerCan.close ? (
          <button
            type="button"
            className="button button-danger"
            disabled={closing.loading}
            onClick={() => {
              if (window.confirm(t('surveys.closeConfirm'))) {
                void close({ variables: { surveyId: survey.id } }).catch(() => null);
              }
            }}
            data-testid="survey-close"
          >
            {closing.loading ? t('common.submitting') : t('surveys.close')}
          </button>
        ) : null}
        {survey.viewerCan.exportCsv ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={csvState === 'loading'}
            onClick={() => void onDownload()}
            data-testid="survey-export"
          >
            {csvState === 'loading' ? t('surveys.downloading') : t('surveys.downloadCsv')}
          </button>
        ) : null}
      </div>
      {csvState === 'failed' ? (
        <p className="notice notice-error" role="alert">
          {t('surveys.downloadFailed')}
        </p>
      ) : null}
    </section>
  );
}
