/** graphql-ws clients and a collector that awaits subscription events one by one. */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { GqlError } from './server.js';

export interface WsClientHandle {
  client: Client;
  /** Resolves once the server acknowledged connection_init. */
  connected: Promise<void>;
  dispose(): Promise<void>;
}

/** A graphql-ws client authenticated with `token` (anonymous without one), never retrying. */
export function wsClient(wsUrl: string, token?: string | null): WsClientHandle {
  let onConnected!: () => void;
  let onFailed!: (e: unknown) => void;
  const connected = new Promise<void>((res, rej) => {
    onConnected = res;
    onFailed = rej;
  });
  connected.catch(() => {}); // observed by whoever awaits it
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: (e) => onFailed(e),
    on: {
      connected: () => onConnected(),
      closed: (e) => onFailed(e),
    },
  });
  return { client, connected, dispose: async () => void (await client.dispose()) };
}

export interface SubscriptionResult<T> {
  data?: T | null;
  errors?: GqlError[];
  /** `event.seq`: the event's number in its stream (1, 2, 3 … without gaps); `previous`: the one before it here. */
  extensions?: { event?: { seq: number; previous: number | null }; [key: string]: unknown };
}

export interface Subscription<T = any> {
  /** The next event (data or errors), or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SubscriptionResult<T>>;
  /** Consumes events until one matches; rejects after `timeoutMs` with what it saw. */
  waitFor(predicate: (r: SubscriptionResult<T>) => boolean, timeoutMs?: number): Promise<SubscriptionResult<T>>;
  /** Resolves when the server completed the operation (or errored it). */
  done: Promise<{ error?: unknown }>;
  /** Events received but not consumed yet. */
  pending(): SubscriptionResult<T>[];
  unsubscribe(): void;
}

export function subscribe<T = any>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Subscription<T> {
  const queue: SubscriptionResult<T>[] = [];
  const waiters: Array<(r: SubscriptionResult<T>) => void> = [];
  let finish!: (v: { error?: unknown }) => void;
  const done = new Promise<{ error?: unknown }>((r) => (finish = r));
  const push = (r: SubscriptionResult<T>) => {
    const waiter = waiters.shift();
    if (waiter) waiter(r);
    else queue.push(r);
  };
  const unsubscribe = client.subscribe<T>(
    { query, variables: variables ?? {} },
    {
      next: (value) => push(value as SubscriptionResult<T>),
      error: (error) => {
        // graphql-ws reports validation errors as an array of GraphQL errors
        if (Array.isArray(error)) push({ errors: error as GqlError[] });
        finish({ error });
      },
      complete: () => finish({}),
    },
  );

  const next = (timeoutMs = 5000): Promise<SubscriptionResult<T>> => {
    const queued = queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolveNext, reject) => {
      const waiter = (r: SubscriptionResult<T>) => {
        clearTimeout(timer);
        resolveNext(r);
      };
      const timer = setTimeout(() => {
        const i = waiters.indexOf(waiter);
        if (i >= 0) waiters.splice(i, 1);
        reject(new Error(`no subscription event within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.push(waiter);
    });
  };

  const waitFor = async (predicate: (r: SubscriptionResult<T>) => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    const seen: SubscriptionResult<T>[] = [];
    for (;;) {
      const left = deadline - Date.now();
      let r: SubscriptionResult<T>;
      try {
        r = await next(Math.max(1, left));
      } catch {
        throw new Error(`no matching subscription event within ${timeoutMs} ms; saw ${JSON.stringify(seen)}`);
      }
      if (predicate(r)) return r;
      seen.push(r);
    }
  };

  return { next, waitFor, done, pending: () => [...queue], unsubscribe };
}

/**
 * Raw graphql-transport-ws handshake: sends connection_init with the given
 * payload and reports whether the server acknowledged or closed the socket.
 */
export function rawConnectionInit(
  wsUrl: string,
  payload: Record<string, unknown>,
  timeoutMs = 5000,
): Promise<{ acked: boolean; closeCode?: number; closeReason?: string }> {
  return new Promise((resolveInit, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no answer to connection_init within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { type: string };
      if (msg.type === 'connection_ack') {
        clearTimeout(timer);
        socket.close(1000);
        resolveInit({ acked: true });
      }
    });
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      resolveInit({ acked: false, closeCode: code, closeReason: reason.toString() });
    });
    socket.on('error', () => {
      /* close follows */
    });
  });
}

/**
 * graphql-ws has no "subscribed" acknowledgement. To know the server has set
 * up the subscriptions sent before, run a query over the same socket (it
 * goes through the same context building and a database round trip) and
 * then allow a short grace period.
 */
export async function settle(client: Client, graceMs = 200): Promise<void> {
  await new Promise<void>((resolveQuery, reject) => {
    client.subscribe(
      { query: '{ funds { id } }' },
      {
        next: () => undefined,
        error: (e) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))),
        complete: () => resolveQuery(),
      },
    );
  });
  await new Promise((r) => setTimeout(r, graceMs));
}
