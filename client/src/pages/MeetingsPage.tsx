import { useTranslation } from 'react-i18next';
import { MeetingList } from '../features/meetings/MeetingList';

export function MeetingsPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('meetings.title')}</h1>
      <p className="lead">{t('meetings.intro')}</p>
      <MeetingList />
    </div>
  );
}
