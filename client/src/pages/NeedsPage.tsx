import { useTranslation } from 'react-i18next';
import { NeedsBoard } from '../features/needs/NeedsBoard';

export function NeedsPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('needs.title')}</h1>
      <p className="lead">{t('needs.intro')}</p>
      <NeedsBoard />
    </div>
  );
}
