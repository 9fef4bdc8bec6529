import { useMutation } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AddCommentDocument } from '../../gql/graphql';
import { errorInfo } from '../common/errors';
import { ErrorNotice } from '../common/ErrorNotice';
import { addCommentToCache } from './commentCache';

export interface ReplyTarget {
  id: string;
  authorName: string;
}

interface CommentFormProps {
  proposalId: string;
  replyTo: ReplyTarget | null;
  onCancelReply: () => void;
  onPosted: () => void;
}

export function CommentForm({ proposalId, replyTo, onCancelReply, onPosted }: CommentFormProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [addComment, { loading, error }] = useMutation(AddCommentDocument, {
    update(cache, { data }) {
      if (data) addCommentToCache(cache, proposalId, data.addComment);
    },
  });

  useEffect(() => {
    if (replyTo) inputRef.current?.focus();
  }, [replyTo]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    const result = await addComment({
      variables: { input: { proposalId, parentId: replyTo?.id ?? null, body: text } },
    }).catch(() => null);
    if (result?.data) {
      setBody('');
      onPosted();
    }
  }

  return (
    <form className="comment-form" onSubmit={onSubmit}>
      {replyTo ? (
        <p className="reply-banner">
          <span>{t('comments.replyTo', { name: replyTo.authorName })}</span>
          <button type="button" className="button button-link" onClick={onCancelReply}>
            {t('comments.cancelReply')}
          </button>
        </p>
      ) : null}
      <label htmlFor="comment-input">{t('comments.add')}</label>
      <textarea
        id="comment-input"
        ref={inputRef}
        data-testid="comment-input"
        rows={3}
        required
        minLength={LIMITS.commentBody.min}
        maxLength={LIMITS.commentBody.max}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      {error && errorInfo(error).code === 'RATE_LIMITED' ? (
        // Too many comments a minute: say so plainly; the text stays in the box for a second try.
        <p className="notice notice-error" role="alert" data-testid="comment-rate-limited">
          {t('participation.moderation.rateLimited')}
        </p>
      ) : error ? (
        <ErrorNotice error={error} />
      ) : null}
      <button
        type="submit"
        className="button button-primary"
        data-testid="comment-submit"
        disabled={loading || !body.trim()}
      >
        {loading ? t('common.submitting') : t('comments.submit')}
      </button>
    </form>
  );
}
