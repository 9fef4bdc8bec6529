import type { TFunction } from 'i18next';
import type { NotificationFieldsFragment } from '../../../gql/graphql';
import { isFeedbackStatus } from '../feedback/feedbackStatus';
import { isProposalStatus } from '../../common/constants';

/** The sentence a notification reads as, in the current language. */
export function notificationText(n: NotificationFieldsFragment, t: TFunction): string {
  const actor = n.actor?.displayName ?? t('participation.notifications.someone');
  const title = n.title ?? t('participation.notifications.untitled');
  const status = n.status ?? '';
  switch (n.kind) {
    case 'PROPOSAL_STATUS_CHANGED':
      return t('participation.notifications.kind.PROPOSAL_STATUS_CHANGED', {
        title,
        status: isProposalStatus(status) ? t(`proposalStatus.${status}`) : status,
      });
    case 'FEEDBACK_ANSWERED': {
      const answer = isFeedbackStatus(status) ? t(`participation.feedback.status.${status}`) : status;
      return n.title
        ? t('participation.notifications.kind.FEEDBACK_ANSWERED_ON', { title, status: answer })
        : t('participation.notifications.kind.FEEDBACK_ANSWERED', { status: answer });
    }
    case 'COMMENT_MODERATED':
      return status === 'RESTORE'
        ? t('participation.notifications.kind.COMMENT_RESTORED', { title })
        : t('participation.notifications.kind.COMMENT_HIDDEN', { title });
    case 'MATCHING_PROPOSAL_OPENED':
      return status === 'BIDDING'
        ? t('participation.notifications.kind.MATCHING_OPEN_BIDS', { title })
        : t('participation.notifications.kind.MATCHING_OPEN_SPONSORSHIP', { title });
    default:
      return t(`participation.notifications.kind.${n.kind}`, { actor, title });
  }
}

/** Where a notification leads: the thing it is about, or null when the viewer may no longer see it. */
export function notificationLink(n: NotificationFieldsFragment): string | null {
  const proposal = n.proposal ? `/proposals/${n.proposal.id}` : null;
  switch (n.kind) {
    case 'PROPOSAL_COMMENTED':
    case 'COMMENT_REPLIED':
    case 'COMMENT_MODERATED':
      return proposal && n.subjectId ? `${proposal}#comment-${n.subjectId}` : proposal;
    case 'PROPOSAL_REVISED':
      return proposal && n.subjectId ? `${proposal}#revision-${n.subjectId}` : proposal;
    case 'PROPOSAL_STATUS_CHANGED':
    case 'SPONSORSHIP_ACCEPTED':
    case 'SPONSORSHIP_DECLINED':
    case 'BID_AWARDED':
    case 'BID_NOT_AWARDED':
      return proposal;
    case 'FEEDBACK_ANSWERED':
      return n.subjectId ? `/feedback?mine=1#feedback-${n.subjectId}` : '/feedback?mine=1';
    case 'SURVEY_OPENED':
      return n.subjectId ? `/surveys/${n.subjectId}` : '/surveys';
    case 'MEETING_SCHEDULED':
    case 'MEETING_MINUTES_PUBLISHED':
      return n.subjectId ? `/meetings/${n.subjectId}` : '/meetings';
    case 'NEED_ADDRESSED': {
      const needId = n.need?.id ?? n.subjectId;
      return needId ? `/needs?status=ALL#need-${needId}` : '/needs?status=ALL';
    }
    default:
      return proposal;
  }
}
