import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProposalMeetingsDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { MeetingCard } from './MeetingCard';
import { isFundSide } from './roles';

/** On a proposal page: the meetings on it, and "Schedule a meeting" for the fund's side. */
export function ProposalMeetings({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const { data } = useQuery(ProposalMeetingsDocument, { variables: { id: proposalId } });
  const proposal = data?.proposal;
  if (!proposal) return null;
  const meetings = proposal.meetings;
  const canSchedule = isFundSide(viewer);
  if (meetings.length === 0 && !canSchedule) return null;

  return (
    <section className="card" aria-labelledby="proposal-meetings-title" data-testid="proposal-meetings">
      <h2 id="proposal-meetings-title">{t('meetings.proposalSectionTitle')}</h2>
      {meetings.length === 0 ? <p className="empty">{t('meetings.proposalNone')}</p> : null}
      <ul className="item-list">
        {meetings.map((m) => (
          <li key={m.id}>
            <MeetingCard meeting={m} showProposal={false} />
          </li>
        ))}
      </ul>
      {canSchedule ? (
        <p>
          <Link to={`/meetings?proposal=${proposalId}#schedule`}>{t('meetings.proposalSchedule')} →</Link>
        </p>
      ) : null}
    </section>
  );
}
