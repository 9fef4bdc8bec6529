import { useTranslation } from 'react-i18next';
import type { CommentFieldsFragment, FeedbackFieldsFragment } from '../../../gql/graphql';
import { AssistedMark } from '../AssistedMark';
import { FeedbackStatusBadge } from '../feedback/FeedbackStatusBadge';

interface CitationsProps {
  comments: readonly CommentFieldsFragment[];
  feedback: readonly FeedbackFieldsFragment[];
}

/** The residents' voices a revision cites, as quotes with who said them. */
export function Citations({ comments, feedback }: CitationsProps) {
  const { t } = useTranslation();
  if (comments.length === 0 && feedback.length === 0) return null;
  return (
    <div data-testid="revision-citations">
      <h4 className="small">{t('participation.revisions.cited')}</h4>
      {comments.map((c) => (
        <blockquote key={c.id} className="citation" data-testid="cited-comment" cite={`#comment-${c.id}`}>
          {c.hidden && c.body === '' ? (
            <p className="muted">{t('participation.moderation.hiddenByModerator')}</p>
          ) : (
            <p>{c.body}</p>
          )}
          <footer>
            <a href={`#comment-${c.id}`}>{t('participation.revisions.citedComment', { name: c.author.displayName })}</a>
          </footer>
        </blockquote>
      ))}
      {feedback.map((f) => (
        <blockquote key={f.id} className="citation" data-testid="cited-feedback">
          <p>{f.body}</p>
          <footer>
            {t('participation.revisions.citedFeedback', { name: f.author.displayName })}{' '}
            <FeedbackStatusBadge status={f.status} /> {f.assisted ? <AssistedMark /> : null}
          </footer>
        </blockquote>
      ))}
    </div>
  );
}
