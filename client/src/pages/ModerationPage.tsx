import { useTranslation } from 'react-i18next';
import { ModerationQueue } from '../features/participation/moderation/ModerationQueue';

export function ModerationPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('participation.moderation.title')}</h1>
      <p className="lead">{t('participation.moderation.intro')}</p>
      <ModerationQueue />
    </div>
  );
}
