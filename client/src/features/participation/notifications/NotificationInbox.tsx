import { useMutation, useQuery } from '@apollo/client/react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  MarkAllNotificationsReadDocument,
  MarkNotificationsReadDocument,
  NotificationsDocument,
  type NotificationFieldsFragment,
} from '../../../gql/graphql';
import { useViewer } from '../../auth/session';
import { ErrorNotice } from '../../common/ErrorNotice';
import { formatDateTime } from '../../common/format';
import { Loading } from '../../common/Loading';
import { SignInPrompt } from '../../common/SignInPrompt';
import { useSearchParam } from '../../common/useSearchParam';
import { markAllReadInCache, markReadInCache } from './notificationCache';
import { notificationLink, notificationText } from './notificationText';
import '../participation.css';

const PAGE_SIZE = 20;

interface ItemProps {
  notification: NotificationFieldsFragment;
  onRead: (id: string) => Promise<unknown>;
  busy: boolean;
}

function NotificationItem({ notification: n, onRead, busy }: ItemProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const text = notificationText(n, t);
  const link = notificationLink(n);

  // Opening a notification marks it read; the page it leads to opens at once.
  function open(event: MouseEvent<HTMLAnchorElement>) {
    if (n.read || !link) return;
    event.preventDefault();
    void onRead(n.id)
      .catch(() => undefined)
      .finally(() => void navigate(link));
  }

  return (
    <li
      className={`notification ${n.read ? 'notification-read' : 'notification-unread'}`}
      data-testid="notification"
      data-kind={n.kind}
      data-read={n.read}
    >
      <div>
        <p className="notification-text">
          {!n.read ? <span className="visually-hidden">{t('participation.notifications.unread')}: </span> : null}
          {link ? (
            <Link to={link} onClick={open} data-testid="notification-link">
              {text}
            </Link>
          ) : (
            text
          )}
        </p>
        {n.excerpt ? <p className="notification-excerpt">{n.excerpt}</p> : null}
        <time className="muted small" dateTime={n.createdAt}>
          {formatDateTime(n.createdAt, i18n.language)}
        </time>
      </div>
      {!n.read ? (
        <button
          type="button"
          className="button button-secondary button-small"
          data-testid="notification-mark-read"
          aria-label={t('participation.notifications.markReadNamed', { text })}
          disabled={busy}
          onClick={() => void onRead(n.id).catch(() => undefined)}
        >
          {t('participation.notifications.markRead')}
        </button>
      ) : null}
    </li>
  );
}

/** The signed-in user's inbox, newest first; live additions arrive through the bell's subscription. */
export function NotificationInbox() {
  const { t } = useTranslation();
  const { viewer, loading: viewerLoading } = useViewer();
  const [show, setShow] = useSearchParam('show');
  const unreadOnly = show === 'unread';
  const { data, loading, error, refetch, fetchMore } = useQuery(NotificationsDocument, {
    variables: { first: PAGE_SIZE, unreadOnly },
    skip: !viewer,
    notifyOnNetworkStatusChange: true,
  });
  const [markRead, marking] = useMutation(MarkNotificationsReadDocument);
  const [markAll, markingAll] = useMutation(MarkAllNotificationsReadDocument);

  if (viewerLoading) return <Loading />;
  if (!viewer) return <SignInPrompt from="/notifications" why={t('participation.notifications.signIn')} />;

  const page = data?.notifications;
  const nodes = page?.nodes ?? [];
  const unread = data?.unreadNotificationCount ?? 0;

  const readOne = (id: string) =>
    markRead({
      variables: { ids: [id] },
      update: (cache, { data: result }) => markReadInCache(cache, [id], result?.markNotificationsRead ?? 0),
    });

  const readAll = () =>
    markAll({
      update: (cache) =>
        markAllReadInCache(
          cache,
          nodes.map((n) => n.id),
        ),
    }).catch(() => undefined);

  const loadMore = (after: string | null) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => {
        const seen = new Set(previous.notifications.nodes.map((n) => n.id));
        return {
          ...fetchMoreResult,
          notifications: {
            ...fetchMoreResult.notifications,
            nodes: [
              ...previous.notifications.nodes,
              ...fetchMoreResult.notifications.nodes.filter((n) => !seen.has(n.id)),
            ],
          },
        };
      },
    }).catch(() => undefined);

  return (
    <div className="stack">
      <div className="toolbar">
        <div className="button-row" role="group" aria-label={t('participation.notifications.filter')}>
          <button
            type="button"
            className="chip-light"
            aria-pressed={!unreadOnly}
            data-testid="notifications-all"
            onClick={() => setShow('')}
          >
            {t('participation.notifications.all')}
          </button>
          <button
            type="button"
            className="chip-light"
            aria-pressed={unreadOnly}
            data-testid="notifications-unread"
            onClick={() => setShow('unread')}
          >
            {t('participation.notifications.unreadOnly')}
          </button>
        </div>
        <button
          type="button"
          className="button button-secondary button-small"
          data-testid="notifications-mark-all"
          disabled={unread === 0 || markingAll.loading}
          onClick={() => void readAll()}
        >
          {t('participation.notifications.markAllRead')}
        </button>
      </div>
      <p className="muted small" data-testid="notifications-unread-count">
        {unread > 0 ? t('participation.bell.unread', { count: unread }) : t('participation.notifications.allRead')}
      </p>

      {error && !page ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      {loading && !page ? <Loading /> : null}
      {page && nodes.length === 0 ? (
        <p className="empty">
          {unreadOnly ? t('participation.notifications.emptyUnread') : t('participation.notifications.empty')}
        </p>
      ) : null}
      <ul className="notification-list" aria-live="polite" aria-relevant="additions" data-testid="notification-list">
        {nodes.map((n) => (
          <NotificationItem key={n.id} notification={n} onRead={readOne} busy={marking.loading} />
        ))}
      </ul>
      {marking.error ? <ErrorNotice error={marking.error} /> : null}
      {markingAll.error ? <ErrorNotice error={markingAll.error} /> : null}
      {error && page ? <ErrorNotice error={error} /> : null}
      {page?.pageInfo.hasNextPage ? (
        <button
          type="button"
          className="button button-secondary button-block"
          disabled={loading}
          onClick={() => void loadMore(page.pageInfo.endCursor ?? null)}
        >
          {loading ? t('common.loadingMore') : t('common.loadMore')}
        </button>
      ) : null}
    </div>
  );
}
