import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { Counter } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Context } from './context.js';

/** The response header that says whether an anonymous query was answered from the cache. */
export const PUBLIC_CACHE_HEADER = 'x-public-cache';

interface Entry {
  /** The database's write state when the answer began to be computed. */
  version: string;
  data: Record<string, unknown>;
}

export interface PublicCacheOptions {
  /** How many answers are kept (least recently used go first); 0 turns the cache off. */
  entries: number;
  /** The oldest answer served, for fields that change with the clock alone (a campaign's end, a meeting's start). */
  maxAgeMs: number;
}

/**
 * Answers to anonymous queries, kept while the database has not changed.
 *
 * Everyone who is not signed in sees the same public data, so an anonymous
 * query's answer can be reused by the next anonymous caller who asks the
 * same thing (document, operation name and variables). Whether the data
 * changed meanwhile is asked of PostgreSQL itself: `pg_current_snapshot()`
 * moves whenever any transaction that wrote anything starts or ends, on
 * every instance and through every write path (GraphQL, CSV imports, SQL by
 * hand), so an answer is served again only if no write has happened since
 * before it was computed. That costs one trivial statement per anonymous
 * query instead of the query's own; any write anywhere in the cluster makes
 * every entry miss once, which can only cost time, never correctness.
 * Signed-in viewers, mutations and answers with errors are never cached.
 */
export class PublicQueryCache {
  private readonly answers: LRUCache<string, Entry>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: PublicCacheOptions,
    private readonly lookups?: Counter<'result'>,
  ) {
    this.answers = new LRUCache({ max: Math.max(options.entries, 1), ttl: options.maxAgeMs });
  }

  get enabled(): boolean {
    return this.options.entries > 0;
  }

  /** The database's write state now: equal strings mean no write began or ended in between. */
  private async version(): Promise<string> {
    const [row] = (await this.dataSource.query('SELECT pg_current_snapshot()::text AS v')) as Array<{ v: string }>;
    return row!.v;
  }

  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async () => {
        if (!this.enabled) return;
        let pending: { key: string; version: string } | null = null;
        return {
          responseForOperation: async ({ operation, request, contextValue }) => {
            if (operation.operation !== 'query' || contextValue.viewer || request.query === undefined) return null;
            const key = createHash('sha256')
              .update(JSON.stringify([request.query, request.operationName ?? null, request.variables ?? {}]))
              .digest('base64url');
            // Without the version there is no telling whether an answer is current: execute as usual, so a
            // database that is down gets its own clear error from the query itself.
            const version = await this.version().catch(() => null);
            if (version === null) return null;
            const entry = this.answers.get(key);
            if (entry && entry.version === version) {
              this.lookups?.inc({ result: 'hit' });
              const headers = new HeaderMap([[PUBLIC_CACHE_HEADER, 'hit']]);
              return {
                http: { status: undefined, headers },
                body: { kind: 'single', singleResult: { data: entry.data } },
              };
            }
            this.lookups?.inc({ result: 'miss' });
            pending = { key, version };
            return null;
          },
          willSendResponse: async ({ response }) => {
            if (!pending) return;
            response.http.headers.set(PUBLIC_CACHE_HEADER, 'miss');
            const result = response.body.kind === 'single' ? response.body.singleResult : null;
            if (result?.data && !result.errors?.length) {
              this.answers.set(pending.key, { version: pending.version, data: result.data });
            }
          },
        };
      },
    };
  }
}
