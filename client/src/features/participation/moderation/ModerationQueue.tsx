import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ModerationQueueDocument, type ModerationQueueQuery } from '../../../gql/graphql';
import { useViewer } from '../../auth/session';
import { ErrorNotice } from '../../common/ErrorNotice';
import { formatDateTime } from '../../common/format';
import { Loading } from '../../common/Loading';
import { SignInPrompt } from '../../common/SignInPrompt';
import { WithCurrentFund } from '../../funds/WithCurrentFund';
import { isFundAdmin } from '../roles';
import { CommentModerationTools } from './CommentModerationTools';

type Reported = ModerationQueueQuery['moderationQueue'][number];

function ReportedItem({ item }: { item: Reported }) {
  const { t, i18n } = useTranslation();
  const c = item.comment;
  return (
    <article
      id={`comment-${c.id}`}
      className={`card${c.hidden ? ' comment-hidden' : ''}`}
      data-testid="moderation-item"
      data-hidden={c.hidden}
      aria-label={c.author.displayName}
    >
      <div className="card-meta">
        <span className={`badge ${c.hidden ? 'badge-declined' : 'badge-accepted'}`} data-testid="moderation-status">
          {c.hidden ? t('participation.moderation.statusHidden') : t('participation.moderation.statusVisible')}
        </span>
        <span className="tag tag-small" data-testid="moderation-report-count">
          {t('participation.moderation.reports', { count: item.reportCount })}
        </span>
        <Link to={`/proposals/${c.proposal.id}#comment-${c.id}`} className="small">
          {t('participation.moderation.onProposal', { title: c.proposal.title })}
        </Link>
      </div>
      <p className="muted small">
        {c.author.displayName} · <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, i18n.language)}</time>
      </p>
      <blockquote className="citation">
        <p className="comment-body">{c.body}</p>
      </blockquote>
      <h3 className="small">{t('participation.moderation.reports', { count: c.reports.length })}</h3>
      <ul className="small">
        {c.reports.map((r) => (
          <li key={r.id}>
            {t('participation.moderation.reportBy', { name: r.reporter.displayName, reason: r.reason })} ·{' '}
            <time className="muted" dateTime={r.createdAt}>
              {formatDateTime(r.createdAt, i18n.language)}
            </time>
          </li>
        ))}
      </ul>
      {c.moderation.length > 0 ? (
        <>
          <h3 className="small">{t('participation.moderation.history')}</h3>
          <ul className="small" data-testid="moderation-history">
            {c.moderation.map((m) => (
              <li key={m.id}>
                {t(`participation.moderation.action.${m.action}`, { name: m.moderator.displayName, reason: m.reason })}{' '}
                ·{' '}
                <time className="muted" dateTime={m.createdAt}>
                  {formatDateTime(m.createdAt, i18n.language)}
                </time>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="comment-tools">
        <CommentModerationTools comment={c} canReport={false} canModerate />
      </div>
    </article>
  );
}

function Queue({ fundId }: { fundId: string }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(ModerationQueueDocument, { variables: { fundId } });
  const items = data?.moderationQueue;
  if (loading && !items) return <Loading />;
  if (error && !items) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!items || items.length === 0) return <p className="empty">{t('participation.moderation.empty')}</p>;
  return (
    <ul className="card-list" data-testid="moderation-queue">
      {items.map((item) => (
        <li key={item.comment.id}>
          <ReportedItem item={item} />
        </li>
      ))}
    </ul>
  );
}

/** /moderation: FUND_ADMIN's queue of reported comments with hide / restore. */
export function ModerationQueue() {
  const { t } = useTranslation();
  const { viewer, loading } = useViewer();
  if (loading) return <Loading />;
  if (!viewer) return <SignInPrompt from="/moderation" />;
  if (!isFundAdmin(viewer)) return <p className="notice">{t('participation.moderation.adminOnly')}</p>;
  return <WithCurrentFund>{(fund) => <Queue fundId={fund.id} />}</WithCurrentFund>;
}
