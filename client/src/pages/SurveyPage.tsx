import { useTranslation } from 'react-i18next';

/** Placeholder: the surveys feature fills this page. */
export function SurveyPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('surveys.title')}</h1>
    </div>
  );
}
