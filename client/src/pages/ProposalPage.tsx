import { useParams } from 'react-router';
import { ProposalMeetings } from '../features/meetings/ProposalMeetings';
import { ProposalFollow, ProposalParticipation } from '../features/participation/ProposalParticipation';
import { ProposalDetail } from '../features/proposals/ProposalDetail';
import { ProposalSurveys } from '../features/surveys/ProposalSurveys';
import { NotFoundPage } from './NotFoundPage';

export function ProposalPage() {
  const { id } = useParams();
  if (!id) return <NotFoundPage />;
  // keyed: a different proposal starts with fresh local state (reply target, forms)
  return (
    <div className="stack-lg">
      <ProposalFollow key={`follow-${id}`} proposalId={id} />
      <ProposalDetail key={id} proposalId={id} />
      <ProposalParticipation key={`participation-${id}`} proposalId={id} />
      <ProposalSurveys proposalId={id} />
      <ProposalMeetings proposalId={id} />
    </div>
  );
}
