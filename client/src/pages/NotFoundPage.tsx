import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="narrow stack">
      <h1>{t('common.notFound')}</h1>
      <p>{t('common.notFoundBody')}</p>
      <Link to="/">{t('common.backHome')}</Link>
    </div>
  );
}
