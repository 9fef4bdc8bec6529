import type { ApolloClient } from '@apollo/client';
import { useQuery, useSubscription } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import {
  FeedbackItemDocument,
  NotificationAddedDocument,
  UnreadNotificationCountDocument,
  type NotificationFieldsFragment,
} from '../../../gql/graphql';
import { useViewer } from '../../auth/session';
import { addNotificationToCache } from './notificationCache';
import '../participation.css';

/**
 * What else a notification makes stale on an open page: the answered feedback item (its new status and
 * answer), the fund's responsiveness figures, a revised proposal's timeline. Only queries on screen refetch.
 */
function refreshSubject(client: ApolloClient, n: NotificationFieldsFragment): void {
  if (n.kind === 'FEEDBACK_ANSWERED' && n.subjectId) {
    void client
      .query({ query: FeedbackItemDocument, variables: { id: n.subjectId }, fetchPolicy: 'network-only' })
      .catch(() => undefined);
    void client.refetchQueries({ include: ['FeedbackResponsiveness'] });
  }
  if (n.kind === 'PROPOSAL_REVISED') void client.refetchQueries({ include: ['ProposalParticipation'] });
}

function BellIcon() {
  return (
    <svg className="bell-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </svg>
  );
}

/**
 * The header's bell for a signed-in user: the unread count, kept live by notificationAdded (which also
 * puts the notification into the cached inbox), linking to /notifications.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const { data } = useQuery(UnreadNotificationCountDocument, { skip: !viewer });
  useSubscription(NotificationAddedDocument, {
    skip: !viewer,
    onData: ({ client, data: result }) => {
      const notification = result.data?.notificationAdded;
      if (!notification) return;
      addNotificationToCache(client.cache, notification);
      refreshSubject(client, notification);
    },
  });
  if (!viewer) return null;

  const count = data?.unreadNotificationCount ?? 0;
  const label = count > 0 ? t('participation.bell.unread', { count }) : t('participation.bell.none');
  return (
    <>
      <NavLink to="/notifications" className="bell" data-testid="notification-bell" aria-label={label}>
        <BellIcon />
        <span className="chip-label">{t('participation.bell.label')}</span>
        <span className="bell-count" data-testid="notification-count" data-count={count} aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      </NavLink>
      <span className="visually-hidden" role="status">
        {count > 0 ? t('participation.bell.unread', { count }) : ''}
      </span>
    </>
  );
}
