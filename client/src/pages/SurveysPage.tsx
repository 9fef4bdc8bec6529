import { useTranslation } from 'react-i18next';
import { SurveyList } from '../features/surveys/SurveyList';

export function SurveysPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('surveys.title')}</h1>
      <p className="lead">{t('surveys.intro')}</p>
      <SurveyList />
    </div>
  );
}
