import { useTranslation } from 'react-i18next';
import { PartnershipDirectory } from '../features/partnerships/PartnershipDirectory';

export function PartnershipsPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('partnerships.title')}</h1>
      <p className="lead">{t('partnerships.intro')}</p>
      <PartnershipDirectory />
    </div>
  );
}
