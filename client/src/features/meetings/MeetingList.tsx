import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { MeetingsDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { ErrorNotice } from '../common/ErrorNotice';
import { Loading } from '../common/Loading';
import { useSearchParam } from '../common/useSearchParam';
import { WithCurrentFund } from '../funds/WithCurrentFund';
import { MeetingCard } from './MeetingCard';
import { isFundSide } from './roles';
import { ScheduleMeetingForm } from './ScheduleMeetingForm';

/** The current fund's meetings, upcoming (soonest first) then past (latest first); the schedule form for the fund's side. */
export function MeetingList() {
  return <WithCurrentFund>{(fund) => <Meetings fundId={fund.id} />}</WithCurrentFund>;
}

function Meetings({ fundId }: { fundId: string }) {
  const { viewer } = useViewer();
  // "Schedule a meeting" on a proposal page links here with ?proposal=<id>.
  const [proposalId] = useSearchParam('proposal');
  const fundSide = isFundSide(viewer);
  return (
    <div className={fundSide ? 'layout-with-aside' : undefined}>
      <div className="stack-lg">
        <MeetingSection fundId={fundId} upcoming />
        <MeetingSection fundId={fundId} upcoming={false} />
      </div>
      {fundSide ? (
        <aside className="aside card" aria-labelledby="schedule-meeting-title" id="schedule">
          <ScheduleMeetingForm fundId={fundId} initialProposalId={proposalId ?? ''} />
        </aside>
      ) : null}
    </div>
  );
}

function MeetingSection({ fundId, upcoming }: { fundId: string; upcoming: boolean }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(MeetingsDocument, { variables: { fundId, upcoming } });
  const id = upcoming ? 'upcoming-meetings' : 'past-meetings';
  const meetings = data?.meetings ?? [];
  return (
    <section className="stack" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{upcoming ? t('meetings.upcoming') : t('meetings.past')}</h2>
      {loading && !data ? <Loading /> : null}
      {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      {data && meetings.length === 0 ? (
        <p className="empty">{upcoming ? t('meetings.noUpcoming') : t('meetings.noPast')}</p>
      ) : null}
      <ul className="item-list">
        {meetings.map((m) => (
          <li key={m.id}>
            <MeetingCard meeting={m} />
          </li>
        ))}
      </ul>
    </section>
  );
}
