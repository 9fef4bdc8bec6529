import type { CommentFieldsFragment } from '../../gql/graphql';

export interface ThreadNode {
  comment: CommentFieldsFragment;
  replies: ThreadNode[];
  /** The comment answers one that is not loaded (yet). */
  orphan: boolean;
}

/** Arranges a flat, oldest-first list into threads: replies under their parent, in order. */
export function buildThread(comments: readonly CommentFieldsFragment[]): ThreadNode[] {
  const nodes = new Map<string, ThreadNode>();
  for (const comment of comments) nodes.set(comment.id, { comment, replies: [], orphan: false });
  const roots: ThreadNode[] = [];
  for (const comment of comments) {
    const node = nodes.get(comment.id);
    if (!node) continue;
    const parentId = comment.parent?.id;
    const parent = parentId ? nodes.get(parentId) : undefined;
    if (parent && parent !== node) {
      parent.replies.push(node);
    } else {
      node.orphan = Boolean(parentId);
      roots.push(node);
    }
  }
  return roots;
}
