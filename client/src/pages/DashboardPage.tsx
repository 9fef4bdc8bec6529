import { FundOverview } from '../features/funds/FundOverview';

export function DashboardPage() {
  return <FundOverview />;
}
