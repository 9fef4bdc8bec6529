import type { ApolloCache, Reference } from '@apollo/client';

/**
 * Puts a posting that arrived live at the top of every cached first page of the fund's ledger (the ticker
 * and the table read the same list), unless it is already there, and counts it.
 */
export function addEntryToLedger(cache: ApolloCache, fundId: string, entry: { __typename?: string; id: string }): void {
  const id = cache.identify({ __typename: 'LedgerEntry', id: entry.id });
  if (!id) return;
  cache.modify({
    id: 'ROOT_QUERY',
    fields: {
      ledger(existing: unknown, { storeFieldName, readField, toReference }) {
        if (!storeFieldName.includes(`"fundId":${JSON.stringify(fundId)}`)) return existing;
        const connection = existing as { nodes?: readonly Reference[]; totalCount?: number } | undefined;
        if (!connection?.nodes) return existing;
        if (connection.nodes.some((n) => readField('id', n) === entry.id)) return existing;
        const ref = toReference(id);
        if (!ref) return existing;
        return {
          ...connection,
          nodes: [ref, ...connection.nodes],
          ...(typeof connection.totalCount === 'number' ? { totalCount: connection.totalCount + 1 } : {}),
        };
      },
    },
  });
}
