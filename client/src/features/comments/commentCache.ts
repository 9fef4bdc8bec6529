import type { ApolloCache, Reference } from '@apollo/client';
import { CommentFieldsFragmentDoc, type CommentFieldsFragment } from '../../gql/graphql';

interface StoredCommentConnection {
  totalCount?: number;
  pageInfo?: { hasNextPage?: boolean };
  nodes?: readonly Reference[];
}

/**
 * Puts a new comment at the end of its proposal's cached thread. Called by
 * both the addComment mutation and the commentAdded subscription: whichever
 * arrives second finds the comment already listed and changes nothing. While
 * older pages are still unread the comment is only counted; it will come in
 * order with the page that holds it.
 */
export function addCommentToCache(cache: ApolloCache, proposalId: string, comment: CommentFieldsFragment): void {
  const ref = cache.writeFragment({
    fragment: CommentFieldsFragmentDoc,
    fragmentName: 'CommentFields',
    data: comment,
  });
  if (!ref) return;
  const id = cache.identify({ __typename: 'Proposal', id: proposalId });
  if (!id) return;
  cache.modify({
    id,
    fields: {
      comments(value, { readField }) {
        const existing = value as StoredCommentConnection | undefined;
        if (!existing || !existing.nodes) return value;
        if (existing.nodes.some((node) => readField('id', node) === comment.id)) return value;
        const totalCount = (existing.totalCount ?? existing.nodes.length) + 1;
        if (existing.pageInfo?.hasNextPage) return { ...existing, totalCount };
        return { ...existing, totalCount, nodes: [...existing.nodes, ref] };
      },
    },
  });
}
