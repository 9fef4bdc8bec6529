import { useTranslation } from 'react-i18next';

/** Placeholder: the meetings feature fills this page. */
export function MeetingPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('meetings.title')}</h1>
    </div>
  );
}
