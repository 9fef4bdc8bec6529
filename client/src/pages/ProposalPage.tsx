import { useParams } from 'react-router';
import { ProposalDetail } from '../features/proposals/ProposalDetail';
import { NotFoundPage } from './NotFoundPage';

export function ProposalPage() {
  const { id } = useParams();
  if (!id) return <NotFoundPage />;
  // keyed: a different proposal starts with fresh local state (reply target, forms)
  return <ProposalDetail key={id} proposalId={id} />;
}
