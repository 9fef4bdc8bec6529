import { useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommentAddedDocument, ProposalCommentsDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/format';
import { Loading } from '../common/Loading';
import { SignInPrompt } from '../common/SignInPrompt';
import { CommentModerationTools } from '../participation/moderation/CommentModerationTools';
import { isFundAdmin } from '../participation/roles';
import { useScrollToHash } from '../participation/useScrollToHash';
import { addCommentToCache } from './commentCache';
import { CommentForm, type ReplyTarget } from './CommentForm';
import { buildThread, type ThreadNode } from './thread';

const PAGE_SIZE = 50;

interface CommentThreadProps {
  proposalId: string;
  canComment: boolean;
  signedIn: boolean;
}

function CommentNode({
  node,
  canReply,
  onReply,
}: {
  node: ThreadNode;
  canReply: boolean;
  onReply: (target: ReplyTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const { viewer } = useViewer();
  const { comment } = node;
  const own = viewer?.id === comment.author.id;
  const admin = isFundAdmin(viewer);
  // A hidden comment's body is empty for everyone but its author and FUND_ADMIN.
  const visibleBody = !comment.hidden || comment.body !== '';
  return (
    <li className="comment-item">
      <article
        id={`comment-${comment.id}`}
        className={`comment${comment.hidden ? ' comment-hidden' : ''}`}
        data-testid="comment"
        data-hidden={comment.hidden}
        aria-label={comment.author.displayName}
      >
        <header className="comment-head">
          <span className="comment-author">{comment.author.displayName}</span>
          <span className="tag tag-small">{t(`roles.${comment.author.role}`)}</span>
          <time className="muted small" dateTime={comment.createdAt}>
            {formatDateTime(comment.createdAt, i18n.language)}
          </time>
        </header>
        {node.orphan ? <p className="muted small">↪ {t('comments.inReplyTo')}</p> : null}
        {comment.hidden ? (
          <p className="comment-hidden-note" data-testid="comment-hidden">
            {own && !admin && comment.hiddenReason
              ? t('participation.moderation.hiddenForYou', { reason: comment.hiddenReason })
              : admin && comment.hiddenReason
                ? t('participation.moderation.hiddenForAdmin', { reason: comment.hiddenReason })
                : t('participation.moderation.hiddenByModerator')}
          </p>
        ) : null}
        {visibleBody ? <p className="comment-body">{comment.body}</p> : null}
        <div className="comment-tools">
          {canReply && !comment.hidden ? (
            <button
              type="button"
              className="button button-link button-small"
              aria-label={t('comments.replyNamed', { name: comment.author.displayName })}
              onClick={() => onReply({ id: comment.id, authorName: comment.author.displayName })}
            >
              {t('comments.reply')}
            </button>
          ) : null}
          {admin && typeof comment.reportCount === 'number' && comment.reportCount > 0 ? (
            <span className="tag tag-small" data-testid="comment-report-count">
              {t('participation.moderation.reports', { count: comment.reportCount })}
            </span>
          ) : null}
          <CommentModerationTools comment={comment} canReport={Boolean(viewer) && !own} canModerate={admin} />
        </div>
      </article>
      {node.replies.length > 0 ? (
        <ul className="comment-replies">
          {node.replies.map((reply) => (
            <CommentNode key={reply.comment.id} node={reply} canReply={canReply} onReply={onReply} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The discussion of a proposal: threaded, paginated, and live (commentAdded lands in the cache). */
export function CommentThread({ proposalId, canComment, signedIn }: CommentThreadProps) {
  const { t } = useTranslation();
  const [replyTo, setReplyTo] = useState<ReplyTarget | null>(null);
  const { data, loading, error, fetchMore, refetch } = useQuery(ProposalCommentsDocument, {
    variables: { proposalId, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  useSubscription(CommentAddedDocument, {
    variables: { proposalId },
    onData: ({ client, data: result }) => {
      const comment = result.data?.commentAdded;
      if (comment) addCommentToCache(client.cache, proposalId, comment);
    },
  });

  const connection = data?.proposal?.comments;
  const thread = connection ? buildThread(connection.nodes) : [];
  useScrollToHash(Boolean(connection));

  return (
    <section className="card comments" aria-labelledby="comments-title">
      <h2 id="comments-title">
        {t('comments.title')}
        {connection ? <span className="count-pill">{connection.totalCount}</span> : null}
      </h2>

      {loading && !data ? <Loading /> : null}
      {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      {connection && connection.nodes.length === 0 ? <p className="empty">{t('comments.empty')}</p> : null}

      <ul className="comment-list" aria-live="polite" aria-relevant="additions">
        {thread.map((node) => (
          <CommentNode key={node.comment.id} node={node} canReply={canComment} onReply={setReplyTo} />
        ))}
      </ul>

      {connection?.pageInfo.hasNextPage ? (
        <button
          type="button"
          className="button button-secondary button-block"
          disabled={loading}
          onClick={() => void fetchMore({ variables: { after: connection.pageInfo.endCursor } }).catch(() => undefined)}
        >
          {loading ? t('common.loadingMore') : t('comments.loadOlder')}
        </button>
      ) : null}

      {canComment ? (
        <CommentForm
          proposalId={proposalId}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          onPosted={() => setReplyTo(null)}
        />
      ) : signedIn ? (
        <p className="muted">{t('comments.cannotComment')}</p>
      ) : (
        <SignInPrompt from={`/proposals/${proposalId}`} why={t('comments.signInToComment')} />
      )}
    </section>
  );
}
