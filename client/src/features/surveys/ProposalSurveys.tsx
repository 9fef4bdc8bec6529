import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProposalSurveysDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { SurveyStatusBadge } from './SurveyStatusBadge';
import { mayCreateSurveys } from './surveyView';

/** On a proposal page: the surveys about it (Proposal.surveys), with links; "Start a survey" for the fund's side. */
export function ProposalSurveys({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const { data } = useQuery(ProposalSurveysDocument, { variables: { proposalId } });
  const proposal = data?.proposal;
  const surveys = proposal?.surveys ?? [];
  const canCreate = mayCreateSurveys(viewer) && proposal !== undefined && proposal !== null;
  if (surveys.length === 0 && !canCreate) return null;

  return (
    <section className="card" aria-labelledby="proposal-surveys-title" data-testid="proposal-surveys">
      <h2 id="proposal-surveys-title">{t('surveys.forThisProposal')}</h2>
      {surveys.length === 0 ? <p className="empty">{t('surveys.noneForProposal')}</p> : null}
      <ul className="item-list">
        {surveys.map((s) => (
          <li key={s.id} className="market-item">
            <div className="market-item-head">
              <Link to={`/surveys/${s.id}`} data-testid="proposal-survey-link">
                {s.title}
              </Link>
              <SurveyStatusBadge status={s.status} />
            </div>
            <p className="muted small">
              {t('surveys.responses', { count: s.responseCount })}
              {s.viewerHasResponded ? <> · {t('surveys.answeredTag')}</> : null}
            </p>
          </li>
        ))}
      </ul>
      {canCreate ? (
        <p>
          <Link to={`/surveys?proposal=${proposalId}#create`}>{t('surveys.startForProposal')} →</Link>
        </p>
      ) : null}
    </section>
  );
}
