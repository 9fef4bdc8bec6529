import { useTranslation } from 'react-i18next';
import { NotificationInbox } from '../features/participation/notifications/NotificationInbox';

export function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('participation.notifications.title')}</h1>
      <p className="lead">{t('participation.notifications.intro')}</p>
      <NotificationInbox />
    </div>
  );
}
