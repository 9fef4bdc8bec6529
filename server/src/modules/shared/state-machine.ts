import { nextStatus, type Transition } from '@commonweal/shared';
import { conflict, forbidden } from '../../graphql/errors.js';
import type { Actor } from '../users/actor.js';

/**
 * A state machine: the shared transition table (from -> to per action) plus
 * who may make each move. Services change an entity's status only through
 * `transition`; `may` answers the same question for `viewerCan` fields.
 */
export function defineMachine<S extends string, A extends string, E extends { status: S }>(options: {
  name: string;
  table: ReadonlyArray<Transition<S, A>>;
  who: Record<A, (actor: Actor, entity: E) => boolean>;
}) {
  const { name, table, who } = options;
  return {
    /** Checks the actor may make the move and the move is legal; returns the next status. */
    transition(actor: Actor, entity: E, action: A): S {
      if (!who[action](actor, entity)) throw forbidden(`You may not ${action} this ${name}`);
      const next = nextStatus(table, entity.status, action);
      if (next === null) throw conflict(`Cannot ${action} a ${name} that is ${entity.status}`);
      return next;
    },
    may(actor: Actor | null, entity: E, action: A): boolean {
      return actor !== null && who[action](actor, entity) && nextStatus(table, entity.status, action) !== null;
    },
  };
}
