import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntitySubscriberInterface, TransactionStartEvent } from 'typeorm';
import { EventSubscriber } from 'typeorm';

/** Who is acting in the current request: copied into every transaction so the audit triggers can record it. */
export interface AuditScope {
  requestId: string;
  actorId: string | null;
  actorRole: string | null;
}

const storage = new AsyncLocalStorage<AuditScope>();

/** Runs `work` (and everything it starts) inside a request's audit scope. */
export function runInAuditScope<T>(scope: AuditScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The current request's scope, to fill in the actor once the token is checked. */
export function currentAuditScope(): AuditScope | undefined {
  return storage.getStore();
}

/**
 * Sets the transaction-local settings the audit triggers read, at the start of
 * every transaction opened inside a request.
 */
@EventSubscriber()
export class AuditScopeSubscriber implements EntitySubscriberInterface {
  async afterTransactionStart(event: TransactionStartEvent): Promise<void> {
    const scope = storage.getStore();
    if (!scope) return;
    await event.queryRunner.query(
      `SELECT set_config('commonweal.actor_id', $1, true),
              set_config('commonweal.actor_role', $2, true),
              set_config('commonweal.request_id', $3, true)`,
      [scope.actorId ?? '', scope.actorRole ?? '', scope.requestId],
    );
  }
}

/** The rest of this request is recorded without an actor (an anonymous donation must not name its donor anywhere). */
export function auditAnonymously(): void {
  const scope = storage.getStore();
  if (!scope) return;
  scope.actorId = null;
  scope.actorRole = null;
}
