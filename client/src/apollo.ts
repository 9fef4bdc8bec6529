import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import type { FieldPolicy, Reference, StoreObject } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient, type Client } from 'graphql-ws';
import { eventGapLink } from './event-gaps';

/** Where the session token lives between visits. */
export const TOKEN_KEY = 'commonweal.token';

export function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Private mode without storage: the session lasts until the tab closes.
  }
}

function bearer(): string | undefined {
  const token = readToken();
  return token ? `Bearer ${token}` : undefined;
}

/** Same origin as the page: `/graphql` over http(s) and ws(s). */
function wsUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/graphql`;
}

interface RestartableClient extends Client {
  /** Closes the socket so the next connection_init carries the current token. */
  restart(): void;
}

/**
 * A graphql-ws client that can be restarted (after the graphql-ws docs'
 * recipe): an open socket is closed with a retryable code, and the client
 * reconnects, sends connection_init with the current token (connectionParams
 * is read on every connect) and resubscribes every active subscription. A
 * socket that is not open needs nothing: its next connect reads the token.
 */
function createRestartableClient(onForbidden: () => void, onReconnected: () => void): RestartableClient {
  let socket: WebSocket | null = null;
  let connectedBefore = false;
  const client = createClient({
    url: wsUrl(),
    lazy: true,
    connectionParams: () => {
      const authorization = bearer();
      return authorization ? { authorization } : {};
    },
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async (retries) => {
      const delay = Math.min(1000 * 2 ** retries, 15_000) + Math.random() * 500;
      await new Promise((resolve) => setTimeout(resolve, delay));
    },
    on: {
      opened: (opened) => {
        socket = opened as WebSocket;
      },
      connected: () => {
        // Events sent while the socket was down are lost: a reconnect refreshes what is on screen.
        if (connectedBefore) onReconnected();
        connectedBefore = true;
      },
      closed: (event) => {
        socket = null;
        // The server refuses a bad or expired token at connection_init with 4403.
        if ((event as CloseEvent | undefined)?.code === 4403 && readToken()) onForbidden();
      },
    },
  });
  return {
    ...client,
    restart: () => {
      connectedBefore = false; // the caller refreshes the store itself
      if (socket?.readyState === WebSocket.OPEN) socket.close(4205, 'Client Restart');
    },
  };
}

type Connection = {
  nodes?: Reference[];
  edges?: Array<StoreObject & { node?: Reference }>;
  pageInfo?: StoreObject;
  [key: string]: unknown;
};

type ReadField = (field: string, from: Reference) => unknown;

/** `incoming` (the page after `existing`) appended to it, nothing listed twice. */
function appendPage(existing: Connection, incoming: Connection, readField: ReadField): Connection {
  const idOf = (ref: Reference | undefined): unknown => (ref ? readField('id', ref) : undefined);
  const merged: Connection = { ...existing, ...incoming };
  if (incoming.nodes) {
    const seen = new Set((existing.nodes ?? []).map(idOf));
    merged.nodes = [...(existing.nodes ?? []), ...incoming.nodes.filter((n) => !seen.has(idOf(n)))];
  }
  if (incoming.edges) {
    const seen = new Set((existing.edges ?? []).map((e) => idOf(e.node)));
    merged.edges = [...(existing.edges ?? []), ...incoming.edges.filter((e) => !seen.has(idOf(e.node)))];
  }
  return merged;
}

/**
 * A cursor connection field (`nodes`, `edges`, `pageInfo`, `totalCount`):
 * a first page replaces what is cached, a page fetched with `after` is
 * appended, and nothing is listed twice.
 */
export function connectionField(keyArgs: FieldPolicy['keyArgs']): FieldPolicy<Connection> {
  return {
    keyArgs,
    merge(existing, incoming, { args, readField }) {
      if (!existing || !args?.['after']) return incoming;
      return appendPage(existing, incoming, readField as ReadField);
    },
  };
}

/**
 * A newest-first list that also grows at the top (a campaign's donations): a page fetched with `after` is
 * appended; a first page (a refetch, or the newest donations a live event carries) goes in front of what is
 * cached, without duplicates, so the pages already read stay.
 */
export function newestFirstField(): FieldPolicy<Connection> {
  return {
    keyArgs: false,
    merge(existing, incoming, { args, readField }) {
      if (!existing) return incoming;
      if (args?.['after']) return appendPage(existing, incoming, readField as ReadField);
      const idOf = (ref: Reference | undefined): unknown => (ref ? readField('id', ref) : undefined);
      const fresh = incoming.nodes ?? [];
      const seen = new Set(fresh.map(idOf));
      const nodes = [...fresh, ...(existing.nodes ?? []).filter((n) => !seen.has(idOf(n)))];
      // The tail is still the one read before: keep its cursor unless this first page reaches further.
      const longer = (existing.nodes?.length ?? 0) > fresh.length;
      const pageInfo = longer || !incoming.pageInfo ? existing.pageInfo : incoming.pageInfo;
      return { ...existing, ...incoming, nodes, pageInfo };
    },
  };
}

function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          needs: connectionField(['fundId', 'status']),
          proposals: connectionField(['fundId', 'status', 'category', 'search']),
          ledger: connectionField(['fundId']),
        },
      },
      Proposal: {
        fields: {
          // One list per proposal however many pages were read; live comments are appended to it.
          comments: connectionField(false),
          votes: { merge: false },
          viewerCan: { merge: false },
        },
      },
      Fund: { fields: { ledger: connectionField(false) } },
      Campaign: { fields: { donations: newestFirstField(), viewerCan: { merge: false } } },
      Disbursement: { fields: { viewerCan: { merge: false } } },
      // Value objects without ids: the newest copy wins.
      Money: { merge: false },
      VoteTally: { merge: false },
      ProposalViewerCan: { merge: false },
      SponsorshipViewerCan: { merge: false },
      BidViewerCan: { merge: false },
      PartnershipViewerCan: { merge: false },
      SurveyViewerCan: { merge: false },
      MeetingViewerCan: { merge: false },
      PageInfo: { merge: false },
    },
  });
}

export interface Session {
  client: ApolloClient;
  /** Stores the token, reconnects the socket with it, and refetches everything as the new viewer. */
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
}

/** Builds the one Apollo Client of the app: HTTP for queries and mutations, graphql-ws for subscriptions. */
export function createSession(): Session {
  let session: Session | null = null;
  const onForbidden = (): void => {
    // Deferred: never reset the store from inside the link chain of a running request.
    setTimeout(() => void session?.signOut(), 0);
  };
  // After a reconnect or a missed event, what is on screen is refetched (once for a burst of such signals).
  let refetchScheduled = false;
  const refreshShown = (): void => {
    if (refetchScheduled) return;
    refetchScheduled = true;
    setTimeout(() => {
      refetchScheduled = false;
      void session?.client.refetchQueries({ include: 'active' }).catch(() => undefined);
    }, 100);
  };
  const wsClient = createRestartableClient(onForbidden, refreshShown);

  const authLink = new SetContextLink((prevContext) => {
    const authorization = bearer();
    return authorization ? { headers: { ...prevContext['headers'], authorization } } : {};
  });

  // A stored token the server no longer accepts (expired, account gone): forget it.
  const errorLink = new ErrorLink(({ error }) => {
    if (
      CombinedGraphQLErrors.is(error) &&
      readToken() &&
      error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED')
    ) {
      onForbidden();
    }
  });

  const httpLink = new HttpLink({ uri: '/graphql' });
  const wsLink = new GraphQLWsLink(wsClient);

  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    ApolloLink.from([eventGapLink(refreshShown), wsLink]),
    ApolloLink.from([errorLink, authLink, httpLink]),
  );

  const client = new ApolloClient({
    link,
    cache: createCache(),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network', nextFetchPolicy: 'cache-first' },
    },
  });

  async function changeToken(token: string | null): Promise<void> {
    writeToken(token);
    wsClient.restart();
    // Queries in flight are cancelled by the reset and refetched; their aborts are expected.
    await client.resetStore().catch(() => undefined);
  }

  session = {
    client,
    signIn: (token) => changeToken(token),
    signOut: () => changeToken(null),
  };
  return session;
}
