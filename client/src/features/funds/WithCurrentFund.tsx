import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentFundQuery } from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';
import { Loading } from '../common/Loading';
import { useCurrentFund } from './useCurrentFund';

export type CurrentFund = CurrentFundQuery['funds'][number];

/** Renders `children(fund)` once the current fund is known; loading, error and "no fund" otherwise. */
export function WithCurrentFund({ children }: { children: (fund: CurrentFund) => ReactNode }) {
  const { t } = useTranslation();
  const { fund, loading, error, refetch } = useCurrentFund();
  if (loading) return <Loading />;
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!fund) return <p className="notice">{t('fund.noFund')}</p>;
  return children(fund);
}
