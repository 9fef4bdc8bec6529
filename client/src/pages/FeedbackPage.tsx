import { useTranslation } from 'react-i18next';

/** Placeholder: the participation feature fills this page. */
export function FeedbackPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('participation.title')}</h1>
    </div>
  );
}
