import { useTranslation } from 'react-i18next';
import { AuditTrail } from '../features/audit/AuditTrail';

export function AuditPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      <AuditTrail />
    </div>
  );
}
