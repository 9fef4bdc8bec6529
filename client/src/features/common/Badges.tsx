import { useTranslation } from 'react-i18next';
import type { Category, ProposalStatus } from '../../gql/graphql';

export function StatusBadge({ status, testId }: { status: ProposalStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-status badge-${status.toLowerCase()}`} data-testid={testId}>
      {t(`proposalStatus.${status}`)}
    </span>
  );
}

export function CategoryTag({ category }: { category: Category }) {
  const { t } = useTranslation();
  return <span className="tag">{t(`categories.${category}`)}</span>;
}
