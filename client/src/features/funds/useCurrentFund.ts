import { useQuery } from '@apollo/client/react';
import { CurrentFundDocument } from '../../gql/graphql';

/** The fund this deployment serves (the first one; the demo has exactly one). */
export function useCurrentFund() {
  const { data, loading, error, refetch } = useQuery(CurrentFundDocument, { fetchPolicy: 'cache-first' });
  return { fund: data?.funds[0] ?? null, loading: loading && !data, error: data ? undefined : error, refetch };
}
