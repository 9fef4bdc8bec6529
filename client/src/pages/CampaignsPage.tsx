import { useTranslation } from 'react-i18next';
import { CampaignList } from '../features/campaigns/CampaignList';

export function CampaignsPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('campaigns.title')}</h1>
      <p className="lead">{t('campaigns.intro')}</p>
      <CampaignList />
    </div>
  );
}
