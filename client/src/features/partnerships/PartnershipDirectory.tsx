import { useQuery } from '@apollo/client/react';
import { PartnershipStatus } from '@commonweal/shared';
import { useTranslation } from 'react-i18next';
import { PartnershipsDocument, type PartnershipStatus as PartnershipStatusValue } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { ErrorNotice } from '../common/ErrorNotice';
import { Loading } from '../common/Loading';
import { SelectField } from '../common/SelectField';
import { useSearchParam } from '../common/useSearchParam';
import { SignInPrompt } from '../common/SignInPrompt';
import { WithCurrentFund, type CurrentFund } from '../funds/WithCurrentFund';
import { isFundSide } from '../proposals/proposalView';
import { PartnershipCard } from './PartnershipCard';
import { ProposePartnershipForm } from './ProposePartnershipForm';

const STATUSES: readonly PartnershipStatusValue[] = Object.values(PartnershipStatus);

function isStatus(value: string): value is PartnershipStatusValue {
  return (STATUSES as readonly string[]).includes(value);
}

export function PartnershipDirectory() {
  return <WithCurrentFund>{(fund) => <FundPartnerships fund={fund} />}</WithCurrentFund>;
}

function FundPartnerships({ fund }: { fund: CurrentFund }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const [statusParam, setStatus] = useSearchParam('status');
  const status = statusParam && isStatus(statusParam) ? statusParam : null;
  const { data, loading, error, refetch } = useQuery(PartnershipsDocument, {
    variables: { fundId: fund.id, status },
  });
  const partnerships = data?.partnerships;

  const fundSide = isFundSide(viewer?.role);
  const org = viewer?.organization;
  const orgMember = !fundSide && viewer?.role !== 'RESIDENT' && org?.verified ? org : null;

  return (
    <div className="layout-with-aside">
      <div className="stack">
        <div className="toolbar">
          <SelectField
            label={t('partnerships.filterStatus')}
            value={status ?? ''}
            emptyOption={t('common.all')}
            options={STATUSES.map((s) => ({ value: s, label: t(`partnershipStatus.${s}`) }))}
            onChange={setStatus}
          />
        </div>
        {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
        {loading && !data ? <Loading /> : null}
        {partnerships && partnerships.length === 0 ? <p className="empty">{t('partnerships.empty')}</p> : null}
        <ul className="card-list" aria-busy={loading}>
          {partnerships?.map((p) => (
            <li key={p.id}>
              <PartnershipCard partnership={p} />
            </li>
          ))}
        </ul>
      </div>

      <aside className="card aside" aria-labelledby="propose-partnership-title">
        <h2 id="propose-partnership-title">{t('partnerships.proposeTitle')}</h2>
        {fundSide || orgMember ? (
          <>
            <p className="muted small">
              {fundSide ? t('partnerships.proposeIntroFund') : t('partnerships.proposeIntroOrg')}
            </p>
            <ProposePartnershipForm fundId={fund.id} ownOrganization={orgMember ?? null} />
          </>
        ) : viewer ? (
          <p className="muted">{t('partnerships.whoMayPropose')}</p>
        ) : (
          <SignInPrompt from="/partnerships" />
        )}
      </aside>
    </div>
  );
}
