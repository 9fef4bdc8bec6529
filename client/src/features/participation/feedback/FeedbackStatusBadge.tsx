import { useTranslation } from 'react-i18next';
import type { FeedbackStatus } from '../../../gql/graphql';
import '../participation.css';

export function FeedbackStatusBadge({ status }: { status: FeedbackStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-feedback-${status.toLowerCase()}`} data-testid="feedback-status" data-status={status}>
      {t(`participation.feedback.status.${status}`)}
    </span>
  );
}
