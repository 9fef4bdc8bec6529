import { useTranslation } from 'react-i18next';
import { DisbursementList } from '../features/disbursements/DisbursementList';

export function DisbursementsPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('disbursements.title')}</h1>
      <p className="lead">{t('disbursements.intro')}</p>
      <DisbursementList />
    </div>
  );
}
