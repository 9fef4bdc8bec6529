import { useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommentAddedDocument, ProposalCommentsDocument } from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/format';
import { Loading } from '../common/Loading';
import { SignInPrompt } from '../common/SignInPrompt';
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
  const { comment } = node;
  return (
    <li className="comment-item">
      <article className="comment" data-testid="comment" aria-label={comment.author.displayName}>
        <header className="comment-head">
          <span className="comment-author">{comment.author.displayName}</span>
          <span className="tag tag-small">{t(`roles.${comment.author.role}`)}</span>
          <time className="muted small" dateTime={comment.createdAt}>
            {formatDateTime(comment.createdAt, i18n.language)}
          </time>
        </header>
        {node.orphan ? <p className="muted small">↪ {t('comments.inReplyTo')}</p> : null}
        <p className="comment-body">{comment.body}</p>
        {canReply ? (
          <button
            type="button"
            className="button button-link button-small"
            aria-label={t('comments.replyNamed', { name: comment.author.displayName })}
            onClick={() => onReply({ id: comment.id, authorName: comment.author.displayName })}
          >
            {t('comments.reply')}
          </button>
        ) : null}
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
