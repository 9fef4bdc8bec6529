/**
 * Small helpers the benchmark sections share: a database client, GraphQL over
 * HTTP, and load runs with autocannon reduced to the figures the report shows.
 */
import autocannon from 'autocannon';
import pg from 'pg';

/** Runs `work` with a connected client and always closes it. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database URL on the same server with another database name. */
export function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export const graphqlBody = (query: string, variables: Record<string, unknown> = {}): string =>
  JSON.stringify({ query, variables });

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

export interface GraphqlReply<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
  headers: Headers;
}

/** One POST to a GraphQL endpoint (or the floor, which speaks the same request and response shape). */
export async function postGraphql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphqlReply<T>> {
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const res = await fetch(url, { method: 'POST', headers, body: graphqlBody(query, variables) });
  const text = await res.text();
  let body: Omit<GraphqlReply<T>, 'headers'>;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url} answered ${res.status} with non-JSON: ${text.slice(0, 300)}`);
  }
  return { ...body, headers: res.headers };
}

/** The data of a reply that must have succeeded. */
export function dataOf<T>(reply: GraphqlReply<T>, what: string): T {
  if (reply.errors?.length || !reply.data) {
    throw new Error(`${what} failed: ${JSON.stringify(reply.errors ?? reply).slice(0, 500)}`);
  }
  return reply.data;
}

export interface LoadResult {
  /** Mean requests per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  /** Completed requests. */
  requests: number;
  /** Connection errors and timeouts, non-2xx answers, and bodies that failed `verifyBody`. */
  failures: number;
}

export interface LoadOptions {
  url: string;
  /** A fixed JSON body, or a function that makes each request's body (unique idempotency keys). */
  body: string | (() => string);
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** A response body that is not acceptable counts as a failure (GraphQL answers errors with 200). */
  verifyBody?: (body: string) => boolean;
}

/** A load run with autocannon: POSTs for `seconds` over `connections` keep-alive connections. */
export async function loadTest(options: LoadOptions): Promise<LoadResult> {
  const { body } = options;
  const headers = { ...JSON_HEADERS, ...options.headers };
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers,
    connections: options.connections,
    duration: options.seconds,
    ...(typeof body === 'string'
      ? { body }
      : { requests: [{ method: 'POST', headers, setupRequest: (request) => ({ ...request, body: body() }) }] }),
    ...(options.verifyBody ? { verifyBody: options.verifyBody as (b: unknown) => boolean } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx + result.mismatches,
  };
}

/** A GraphQL answer without errors (cheap enough to run on every response). */
export const noGraphqlErrors = (body: string): boolean => !body.includes('"errors"');

/** Figures for the report: whole numbers (and one decimal below 10, where a unit matters). */
export function figure(value: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = Math.abs(value) < 10 ? 1 : 0;
  return Number(value.toFixed(digits));
}

/** A ratio for the report, to two decimals. */
export const ratioFigure = (value: number): number => Number(value.toFixed(2));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds `work` took, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}
