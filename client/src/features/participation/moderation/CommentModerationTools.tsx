import { useMutation } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HideCommentDocument,
  ReportCommentDocument,
  RestoreCommentDocument,
  type CommentFieldsFragment,
} from '../../../gql/graphql';
import { ReasonDialog } from './ReasonDialog';

interface ToolsProps {
  comment: CommentFieldsFragment;
  /** Signed in and not the comment's author: may report it. */
  canReport: boolean;
  /** FUND_ADMIN: may hide or restore it. */
  canModerate: boolean;
}

/** "Report" for signed-in users (once each), "Hide" / "Restore" with a reason for FUND_ADMIN. */
export function CommentModerationTools({ comment, canReport, canModerate }: ToolsProps) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'report' | 'moderate' | null>(null);
  const [reported, setReported] = useState(false);
  const [report, reporting] = useMutation(ReportCommentDocument);
  const [hide, hiding] = useMutation(HideCommentDocument, { refetchQueries: ['ModerationQueue'] });
  const [restore, restoring] = useMutation(RestoreCommentDocument, { refetchQueries: ['ModerationQueue'] });
  const name = comment.author.displayName;
  const moderating = comment.hidden ? restoring : hiding;

  return (
    <>
      {canReport ? (
        comment.viewerReported ? (
          <span className="muted small" data-testid="comment-reported">
            {t('participation.moderation.reported')}
          </span>
        ) : (
          <button
            type="button"
            className="button button-link button-small"
            data-testid="comment-report"
            aria-label={t('participation.moderation.reportNamed', { name })}
            onClick={() => setDialog('report')}
          >
            {t('participation.moderation.report')}
          </button>
        )
      ) : null}
      {reported ? (
        <span className="small" role="status">
          {t('participation.moderation.reportDone')}
        </span>
      ) : null}
      {canModerate ? (
        <button
          type="button"
          className="button button-link button-small"
          data-testid={comment.hidden ? 'comment-restore' : 'comment-hide'}
          aria-label={
            comment.hidden
              ? t('participation.moderation.restoreNamed', { name })
              : t('participation.moderation.hideNamed', { name })
          }
          onClick={() => setDialog('moderate')}
        >
          {comment.hidden ? t('participation.moderation.restore') : t('participation.moderation.hide')}
        </button>
      ) : null}

      <ReasonDialog
        open={dialog === 'report'}
        title={t('participation.moderation.reportTitle')}
        intro={t('participation.moderation.reportIntro')}
        label={t('participation.moderation.reportReason')}
        submitLabel={t('participation.moderation.reportSubmit')}
        limit={LIMITS.reportReason}
        loading={reporting.loading}
        error={reporting.error}
        testId="report-dialog"
        onClose={() => setDialog(null)}
        onSubmit={async (reason) => {
          const result = await report({ variables: { commentId: comment.id, reason } }).catch(() => null);
          if (result?.data) setReported(true);
          return Boolean(result?.data);
        }}
      />
      <ReasonDialog
        open={dialog === 'moderate'}
        title={comment.hidden ? t('participation.moderation.restoreTitle') : t('participation.moderation.hideTitle')}
        label={t('participation.moderation.moderationReason')}
        submitLabel={
          comment.hidden ? t('participation.moderation.restoreSubmit') : t('participation.moderation.hideSubmit')
        }
        limit={LIMITS.moderationReason}
        loading={moderating.loading}
        error={moderating.error}
        testId="moderate-dialog"
        onClose={() => setDialog(null)}
        onSubmit={async (reason) => {
          const action = comment.hidden ? restore : hide;
          const result = await action({ variables: { commentId: comment.id, reason } }).catch(() => null);
          return Boolean(result?.data);
        }}
      />
    </>
  );
}
