import type { DataSource, EntityManager } from 'typeorm';
import { publishAll, type AppPubSub, type DomainEvent } from '../../graphql/pubsub.js';

/**
 * Runs `work` in one database transaction and publishes the events it
 * recorded only after the commit: a rolled-back change announces nothing.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  pubsub: AppPubSub,
  work: (em: EntityManager, emit: (event: DomainEvent) => void) => Promise<T>,
): Promise<T> {
  const events: DomainEvent[] = [];
  const result = await dataSource.transaction((em) => work(em, (event) => events.push(event)));
  publishAll(pubsub, events);
  return result;
}
