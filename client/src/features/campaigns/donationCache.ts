import type { ApolloCache, Reference } from '@apollo/client';

/** Your own donation at the top of the campaign's cached list at once (the live event may come later). */
export function addDonationToCache(cache: ApolloCache, campaignId: string, donation: { id: string }): void {
  const id = cache.identify({ __typename: 'Donation', id: donation.id });
  const campaign = cache.identify({ __typename: 'Campaign', id: campaignId });
  if (!id || !campaign) return;
  cache.modify({
    id: campaign,
    fields: {
      donations(existing: unknown, { readField, toReference }) {
        const connection = existing as { nodes?: readonly Reference[] } | undefined;
        if (!connection?.nodes) return existing;
        if (connection.nodes.some((n) => readField('id', n) === donation.id)) return existing;
        const ref = toReference(id);
        return ref ? { ...connection, nodes: [ref, ...connection.nodes] } : existing;
      },
    },
  });
}
