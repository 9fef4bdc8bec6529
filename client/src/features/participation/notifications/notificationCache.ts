import type { ApolloCache, Reference } from '@apollo/client';
import { NotificationFieldsFragmentDoc, type NotificationFieldsFragment } from '../../../gql/graphql';

interface StoredConnection {
  totalCount?: number;
  nodes?: readonly Reference[];
}

function notificationId(cache: ApolloCache, id: string): string | undefined {
  return cache.identify({ __typename: 'Notification', id });
}

function changeUnreadCount(cache: ApolloCache, change: (count: number) => number): void {
  cache.modify({
    id: 'ROOT_QUERY',
    fields: {
      unreadNotificationCount: (value) => (typeof value === 'number' ? change(value) : value),
    },
  });
}

/**
 * A notification that arrived live: first in every cached inbox list (all, and unread only) and
 * counted as unread. (Apollo has already stored the object itself.) One that a cached list already
 * holds came with a refetch, which also brought the server's unread count: it is neither listed nor
 * counted twice.
 */
export function addNotificationToCache(cache: ApolloCache, notification: NotificationFieldsFragment): void {
  const ref = cache.writeFragment({
    fragment: NotificationFieldsFragmentDoc,
    fragmentName: 'NotificationFields',
    data: notification,
  });
  if (!ref) return;
  let alreadyListed = false;
  cache.modify({
    id: 'ROOT_QUERY',
    fields: {
      notifications(value, { readField }) {
        const existing = value as StoredConnection | undefined;
        if (!existing?.nodes) return value;
        if (existing.nodes.some((node) => readField('id', node) === notification.id)) {
          alreadyListed = true;
          return value;
        }
        return {
          ...existing,
          totalCount: (existing.totalCount ?? existing.nodes.length) + 1,
          nodes: [ref, ...existing.nodes],
        };
      },
    },
  });
  if (!notification.read && !alreadyListed) changeUnreadCount(cache, (count) => count + 1);
}

/** After markNotificationsRead: those notifications read, and `changed` fewer unread. */
export function markReadInCache(cache: ApolloCache, ids: readonly string[], changed: number): void {
  const now = new Date().toISOString();
  for (const notification of ids) {
    const id = notificationId(cache, notification);
    if (!id) continue;
    cache.modify({
      id,
      fields: {
        read: () => true,
        readAt: (value) => value ?? now,
      },
    });
  }
  changeUnreadCount(cache, (count) => (count > changed ? count - changed : 0));
}

/** After markAllNotificationsRead: every cached notification read, none unread. */
export function markAllReadInCache(cache: ApolloCache, ids: readonly string[]): void {
  markReadInCache(cache, ids, 0);
  changeUnreadCount(cache, () => 0);
}
