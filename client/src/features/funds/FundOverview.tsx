import { useQuery, useSubscription } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FundCountsDocument, FundDashboardDocument, LedgerEntryPostedDocument } from '../../gql/graphql';
import { DashboardCampaigns } from '../campaigns/DashboardCampaigns';
import { ErrorNotice } from '../common/ErrorNotice';
import { money } from '../common/format';
import { Loading } from '../common/Loading';

function FundCounts({ fundId }: { fundId: string }) {
  const { t } = useTranslation();
  const { data, error } = useQuery(FundCountsDocument, { variables: { fundId } });
  if (error && !data) return <ErrorNotice error={error} />;
  return (
    <div className="stat-grid stat-grid-2">
      <Link to="/needs" className="stat stat-link">
        <span className="stat-label">{t('fund.openNeeds')}</span>
        <span className="stat-value">{data ? data.openNeeds.totalCount : '…'}</span>
        <span className="stat-more">{t('fund.seeNeeds')} →</span>
      </Link>
      <Link to="/proposals?status=CONSULTATION" className="stat stat-link">
        <span className="stat-label">{t('fund.inConsultation')}</span>
        <span className="stat-value">{data ? data.inConsultation.totalCount : '…'}</span>
        <span className="stat-more">{t('fund.seeProposals')} →</span>
      </Link>
    </div>
  );
}

export function FundOverview() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(FundDashboardDocument);
  const fund = data?.funds[0];
  // Balance, raised and paid out come from the ledger; each posting carries the new totals into the cache.
  useSubscription(LedgerEntryPostedDocument, { variables: { fundId: fund?.id ?? '' }, skip: !fund });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!fund) return <p className="notice">{t('fund.noFund')}</p>;

  return (
    <div className="stack-lg">
      <section className="hero" aria-labelledby="fund-name">
        <p className="eyebrow">{fund.region}</p>
        <h1 id="fund-name">{fund.name}</h1>
        {fund.description ? <p className="lead">{fund.description}</p> : null}
      </section>

      <section aria-label={t('fund.balance')} className="stat-grid stat-grid-3">
        <div className="stat stat-primary">
          <span className="stat-label">{t('fund.balance')}</span>
          <span className="stat-value money">{money(fund.balance)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">{t('fund.totalRaised')}</span>
          <span className="stat-value money">{money(fund.totalRaised)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">{t('fund.totalDisbursed')}</span>
          <span className="stat-value money">{money(fund.totalDisbursed)}</span>
        </div>
      </section>

      <FundCounts fundId={fund.id} />

      <DashboardCampaigns fundId={fund.id} />

      <div className="two-col">
        <section className="card" aria-labelledby="hoods-title">
          <h2 id="hoods-title">{t('fund.neighborhoods')}</h2>
          <ul className="hood-list">
            {fund.neighborhoods.map((n) => (
              <li key={n.id}>
                <span>{n.name}</span>
                <span className={`tag tag-${n.kind.toLowerCase()}`}>{t(`neighborhoodKind.${n.kind}`)}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="how-title">
          <h2 id="how-title">{t('fund.howItWorks')}</h2>
          <ol className="steps">
            <li>{t('fund.step1')}</li>
            <li>{t('fund.step2')}</li>
            <li>{t('fund.step3')}</li>
            <li>{t('fund.step4')}</li>
          </ol>
        </section>
      </div>
    </div>
  );
}
