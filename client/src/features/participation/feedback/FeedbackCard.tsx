import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FeedbackFieldsFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../common/format';
import { AssistedMark } from '../AssistedMark';
import { FeedbackStatusBadge } from './FeedbackStatusBadge';
import { RespondForm } from './RespondForm';

interface FeedbackCardProps {
  feedback: FeedbackFieldsFragment;
  /** The fund's side: offer the answer form. */
  canRespond: boolean;
  /** Name the proposal it is about (off on the proposal's own page). */
  showSubject?: boolean;
}

/** One feedback item: status, what it is about, who said it (marked when entered from paper), its answers. */
export function FeedbackCard({ feedback: f, canRespond, showSubject = true }: FeedbackCardProps) {
  const { t, i18n } = useTranslation();
  return (
    <article
      id={`feedback-${f.id}`}
      className="card feedback-card"
      data-testid="feedback-item"
      data-status={f.status}
      aria-label={t('participation.feedback.by', { name: f.author.displayName })}
    >
      <div className="card-meta">
        <FeedbackStatusBadge status={f.status} />
        {f.assisted ? <AssistedMark /> : null}
        {showSubject ? (
          <span className="small">
            {f.proposal ? (
              <Link to={`/proposals/${f.proposal.id}`}>
                {t('participation.feedback.onProposal', { title: f.proposal.title })}
              </Link>
            ) : (
              t('participation.feedback.onFund')
            )}
          </span>
        ) : null}
      </div>
      <p className="feedback-body" data-testid="feedback-body">
        {f.body}
      </p>
      <p className="muted small">
        {t('participation.feedback.by', { name: f.author.displayName })} ·{' '}
        <time dateTime={f.createdAt}>{formatDateTime(f.createdAt, i18n.language)}</time>
        {f.recordedBy ? <> · {t('participation.feedback.recordedBy', { name: f.recordedBy.displayName })}</> : null}
      </p>

      <h3 className="small">{t('participation.feedback.responses')}</h3>
      {f.responses.length > 0 ? (
        <ol className="timeline" data-testid="feedback-responses">
          {f.responses.map((r) => (
            <li key={r.id} className="timeline-item" data-testid="feedback-response">
              <div className="timeline-head">
                <span className="comment-author">
                  {t('participation.feedback.responseBy', {
                    name: r.responder.displayName,
                    status: t(`participation.feedback.status.${r.status}`),
                  })}
                </span>
                <time className="muted small" dateTime={r.createdAt}>
                  {formatDateTime(r.createdAt, i18n.language)}
                </time>
              </div>
              <p className="feedback-body">{r.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">{t('participation.feedback.noResponse')}</p>
      )}

      {canRespond ? <RespondForm feedback={f} /> : null}
    </article>
  );
}
