import { useTranslation } from 'react-i18next';

/**
 * How far a campaign is towards its goal. The percent is the server's integer (0..100); the bar's width is
 * that number, so nothing is computed here. The transition is switched off for reduced motion.
 */
export function CampaignProgress({ percent, title, large }: { percent: number; title: string; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`campaign-progress${large ? ' campaign-progress-large' : ''}`}>
      <div
        className="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t('campaigns.percentOfGoal', { percent })}
        aria-label={t('campaigns.progressOf', { title })}
        data-testid="campaign-progress"
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-number">{percent}%</span>
    </div>
  );
}
