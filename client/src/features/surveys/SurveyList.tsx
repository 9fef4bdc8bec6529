import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SurveysDocument, type SurveySummaryFieldsFragment } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDate } from '../common/format';
import { Loading } from '../common/Loading';
import { useSearchParam } from '../common/useSearchParam';
import { WithCurrentFund } from '../funds/WithCurrentFund';
import { CreateSurveyForm } from './CreateSurveyForm';
import { SurveyStatusBadge } from './SurveyStatusBadge';
import { mayCreateSurveys } from './surveyView';

/** The current fund's surveys, open ones first (the server's order); the create form for the fund's side. */
export function SurveyList() {
  return <WithCurrentFund>{(fund) => <Surveys fundId={fund.id} />}</WithCurrentFund>;
}

function Surveys({ fundId }: { fundId: string }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  // "Start a survey" on a proposal page links here with ?proposal=<id>.
  const [proposalId] = useSearchParam('proposal');
  const { data, loading, error, refetch } = useQuery(SurveysDocument, { variables: { fundId } });
  const canCreate = mayCreateSurveys(viewer);
  const surveys = data?.surveys ?? [];

  return (
    <div className={canCreate ? 'layout-with-aside' : undefined}>
      <div className="stack">
        {loading && !data ? <Loading /> : null}
        {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
        {data && surveys.length === 0 ? <p className="empty">{t('surveys.empty')}</p> : null}
        <ul className="card-grid">
          {surveys.map((s) => (
            <li key={s.id}>
              <SurveyCard survey={s} />
            </li>
          ))}
        </ul>
      </div>
      {canCreate ? (
        <aside className="aside card" aria-labelledby="create-survey-title" id="create">
          <CreateSurveyForm fundId={fundId} initialProposalId={proposalId ?? ''} />
        </aside>
      ) : null}
    </div>
  );
}

export function SurveyCard({
  survey: s,
  heading: Heading = 'h2',
}: {
  survey: SurveySummaryFieldsFragment;
  heading?: 'h2' | 'h3';
}) {
  const { t, i18n } = useTranslation();
  return (
    <Link to={`/surveys/${s.id}`} className="card card-link" data-testid="survey-card">
      <div className="card-meta">
        <SurveyStatusBadge status={s.status} />
        {s.viewerHasResponded ? <span className="tag tag-small">{t('surveys.answeredTag')}</span> : null}
      </div>
      <Heading className="card-title">{s.title}</Heading>
      {s.proposal ? <p className="small muted">{t('surveys.forProposal', { title: s.proposal.title })}</p> : null}
      <p className="muted small">
        {t('surveys.responses', { count: s.responseCount })}
        {s.openedAt ? <> · {t('surveys.openedOn', { date: formatDate(s.openedAt, i18n.language) })}</> : null}
      </p>
    </Link>
  );
}
