import { useQuery } from '@apollo/client/react';
import { createContext, useContext, type ReactNode } from 'react';
import type { Session } from '../../apollo';
import { ViewerDocument, type ViewerSummaryFragment } from '../../gql/graphql';

type SessionActions = Pick<Session, 'signIn' | 'signOut'>;

const SessionContext = createContext<SessionActions | null>(null);

export function SessionProvider({ session, children }: { session: SessionActions; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** signIn(token) / signOut(): store or forget the token, reconnect live updates, refetch as the new viewer. */
export function useSession(): SessionActions {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}

export interface ViewerState {
  viewer: ViewerSummaryFragment | null;
  /** True until the first answer: do not show "sign in" prompts while it is unknown. */
  loading: boolean;
}

/** The signed-in user, or null. */
export function useViewer(): ViewerState {
  // cache-first: the viewer only changes on sign-in/out, which resets the store and refetches it.
  const { data, loading } = useQuery(ViewerDocument, { fetchPolicy: 'cache-first' });
  return { viewer: data?.viewer ?? null, loading: loading && !data };
}
