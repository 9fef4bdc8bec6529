import { useParams } from 'react-router';
import { CampaignDetail } from '../features/campaigns/CampaignDetail';
import { NotFoundPage } from './NotFoundPage';

export function CampaignPage() {
  const { id } = useParams();
  if (!id) return <NotFoundPage />;
  // keyed: another campaign starts with a fresh donate form (and a fresh idempotency key)
  return <CampaignDetail key={id} campaignId={id} />;
}
