import { useTranslation } from 'react-i18next';
import { ProposalList } from '../features/proposals/ProposalList';

export function ProposalsPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('proposals.title')}</h1>
      <p className="lead">{t('proposals.intro')}</p>
      <ProposalList />
    </div>
  );
}
