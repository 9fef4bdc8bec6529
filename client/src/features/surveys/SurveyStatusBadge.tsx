import { useTranslation } from 'react-i18next';
import type { SurveyStatus } from '../../gql/graphql';

const BADGE_CLASS: Record<SurveyStatus, string> = {
  DRAFT: 'badge-draft',
  OPEN: 'badge-campaign-open',
  CLOSED: 'badge-campaign-closed',
};

export function SurveyStatusBadge({ status }: { status: SurveyStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-status ${BADGE_CLASS[status]}`} data-testid="survey-status">
      {t(`surveys.status.${status}`)}
    </span>
  );
}
