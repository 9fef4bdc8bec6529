import type { ErrorLike } from '@apollo/client';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './ErrorNotice';
import { Loading } from './Loading';

interface Page<T> {
  nodes: readonly T[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

interface PagedListProps<T extends { id: string }> {
  /** The connection, once loaded. */
  page: Page<T> | undefined;
  loading: boolean;
  error?: ErrorLike;
  onRetry: () => void;
  /** Fetches the page after `after` (fetchMore); a failure shows as `error`. */
  onLoadMore: (after: string | null) => Promise<unknown>;
  empty: string;
  renderItem: (item: T) => ReactNode;
}

/** A card list read page by page: loading and error states, the empty message, and "Load more". */
export function PagedList<T extends { id: string }>({
  page,
  loading,
  error,
  onRetry,
  onLoadMore,
  empty,
  renderItem,
}: PagedListProps<T>) {
  const { t } = useTranslation();
  return (
    <>
      {error && !page ? <ErrorNotice error={error} onRetry={onRetry} /> : null}
      {loading && !page ? <Loading /> : null}
      {page && page.nodes.length === 0 ? <p className="empty">{empty}</p> : null}
      <ul className="card-list" aria-busy={loading}>
        {page?.nodes.map((item) => (
          <li key={item.id}>{renderItem(item)}</li>
        ))}
      </ul>
      {error && page ? <ErrorNotice error={error} /> : null}
      {page?.pageInfo.hasNextPage ? (
        <button
          type="button"
          className="button button-secondary button-block"
          disabled={loading}
          onClick={() => void onLoadMore(page.pageInfo.endCursor ?? null).catch(() => undefined)}
        >
          {loading ? t('common.loadingMore') : t('common.loadMore')}
        </button>
      ) : null}
    </>
  );
}
