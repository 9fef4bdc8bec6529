import { useTranslation } from 'react-i18next';
import type { MeetingKind, MeetingStatus } from '../../gql/graphql';

/** The existing badge colours: scheduled like an open consultation, held like a completed step, cancelled like a withdrawal. */
const STATUS_CLASS: Record<MeetingStatus, string> = {
  SCHEDULED: 'badge-consultation',
  HELD: 'badge-completed',
  CANCELLED: 'badge-withdrawn',
};

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-status ${STATUS_CLASS[status]}`} data-testid="meeting-status">
      {t(`meetings.status.${status}`)}
    </span>
  );
}

export function MeetingKindTag({ kind }: { kind: MeetingKind }) {
  const { t } = useTranslation();
  return <span className="tag">{t(`meetings.kind.${kind}`)}</span>;
}

/** Marks a vote or feedback item entered by the fund's side from a paper form. */
export function AssistedBadge() {
  const { t } = useTranslation();
  return (
    <span className="tag tag-small" data-testid="assisted-badge">
      {t('meetings.assistedBadge')}
    </span>
  );
}
