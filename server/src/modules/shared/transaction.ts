import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent } from '../../graphql/pubsub.js';
import type { EventBus } from '../../events/event-bus.js';

/**
 * Runs `work` in one database transaction. The events it records are written
 * to the outbox in that same transaction and published only after the
 * commit: a rolled-back change announces nothing, a committed one is never
 * lost to a crash between the commit and the publish.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  events: EventBus,
  work: (em: EntityManager, emit: (event: DomainEvent) => void) => Promise<T>,
): Promise<T> {
  const { result, stored } = await dataSource.transaction(async (em) => {
    const recorded: DomainEvent[] = [];
    const value = await work(em, (event) => recorded.push(event));
    return { result: value, stored: await events.record(em, recorded) };
  });
  events.publish(stored);
  return result;
}
