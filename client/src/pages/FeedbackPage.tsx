import { useTranslation } from 'react-i18next';
import { FeedbackBoard } from '../features/participation/feedback/FeedbackBoard';

export function FeedbackPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('participation.feedback.title')}</h1>
      <p className="lead">{t('participation.feedback.intro')}</p>
      <FeedbackBoard />
    </div>
  );
}
