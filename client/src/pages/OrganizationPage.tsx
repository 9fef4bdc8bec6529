import { useParams } from 'react-router';
import { OrganizationProfile } from '../features/organizations/OrganizationProfile';
import { NotFoundPage } from './NotFoundPage';

export function OrganizationPage() {
  const { id } = useParams();
  if (!id) return <NotFoundPage />;
  return <OrganizationProfile key={id} organizationId={id} />;
}
