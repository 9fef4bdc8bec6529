import { ApolloLink } from '@apollo/client';
import { tap } from 'rxjs';

/**
 * The server numbers the events of each stream 1, 2, 3 … without gaps and
 * sends, with each subscription result, the event's number and the one this
 * subscription got before it (or the stream's number when it began):
 * `extensions.event = { seq, previous }`. A jump means an event never reached
 * this subscription (lost between server instances and no longer in the
 * outbox): what is on screen may be stale, so `onGap` reloads it.
 */
export function eventGapLink(onGap: () => void): ApolloLink {
  return new ApolloLink((operation, forward) =>
    forward(operation).pipe(
      tap((result) => {
        const event = (result.extensions as { event?: { seq?: unknown; previous?: unknown } } | undefined)?.event;
        if (typeof event?.seq === 'number' && typeof event.previous === 'number' && event.seq > event.previous + 1) {
          onGap();
        }
      }),
    ),
  );
}
