import { useTranslation } from 'react-i18next';
import { OrganizationList } from '../features/organizations/OrganizationList';

export function OrganizationsPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('organizations.title')}</h1>
      <p className="lead">{t('organizations.intro')}</p>
      <OrganizationList />
    </div>
  );
}
