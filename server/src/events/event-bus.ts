import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger.js';
import type { DomainEvent, PubSubChannels } from '../graphql/pubsub.js';
import { eventsAfter, eventsBetween, lastSeqs, pruneEvents, recordEvents, type StoredEvent } from './outbox.js';

/** What carries events between instances (Redis); absent on a single instance. */
export interface Relay {
  /** Sends committed events to the other instances; may drop them (the outbox is what counts). */
  send(events: readonly StoredEvent[]): void;
  /** True while events from other instances can arrive; while false the bus polls the outbox. */
  connected(): boolean;
  close(): Promise<void>;
}

/** Where a subscription's last delivered event came from (sent to clients so they can spot a gap). */
export interface EventPosition {
  stream: string;
  seq: number;
  /**
   * The number of the event this subscription got before, or the stream's
   * number when it began (null if that could not be read): `seq` should be
   * one more. Anything else means it missed an event.
   */
  previous: number | null;
}

/** One local subscription: events wait here until its consumer asks for the next. */
interface Listener {
  buffer: Array<{ value: unknown; previous: number | null }>;
  waiting: ((item: { value: unknown; previous: number | null } | null) => void) | null;
  /** The last number handed to this subscription (at first, the stream's number when it began). */
  seen: number | null;
}

interface StreamState {
  /** Local subscriptions listening to the stream. */
  listeners: Set<Listener>;
  /** The last number delivered here; events at or below it are duplicates. Null until known. */
  last: number | null;
  /** Events of one stream are delivered one after the other, in number order. */
  queue: Promise<void>;
}

type Channel = keyof PubSubChannels;

export interface EventBusOptions {
  /** How often the outbox is polled while the relay is down. */
  pollMs: number;
  /** How often it is swept anyway while the relay is up (a safety net for a dropped publish). */
  sweepMs: number;
  /** How long events stay in the outbox for catching up. */
  retentionSeconds: number;
}

const DEFAULT_OPTIONS: EventBusOptions = { pollMs: 1000, sweepMs: 10_000, retentionSeconds: 24 * 60 * 60 };
const PRUNE_EVERY_MS = 10 * 60 * 1000;
const CATCH_UP_BATCH = 5000;

/**
 * Live events, exactly once and in order per stream, on one instance or many.
 *
 * A change records its events in the outbox inside its transaction
 * (`record`); after the commit `publish` delivers them to this instance's
 * subscribers at once and hands them to the relay for the others. Every
 * instance keeps, for each stream it has subscribers on, the last number it
 * delivered: a duplicate (the relay echoing our own event, a catch-up
 * overlapping the relay) is dropped, and a gap (an event the relay lost) is
 * filled from the outbox before the event that revealed it. While the relay
 * is down the bus polls the outbox; when it comes back one sweep catches up.
 */
export class EventBus {
  private readonly streams = new Map<string, StreamState>();
  private relay: Relay | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly options: EventBusOptions = DEFAULT_OPTIONS,
  ) {}

  /**
   * Starts the bus's timers: with a relay, sweeps of the outbox (often while
   * the relay is down, now and then while it is up); always, the pruning of
   * events older than the retention.
   */
  start(relay: Relay | null): void {
    this.relay = relay;
    let lastSweep = Date.now();
    let lastPrune = 0;
    this.timer = setInterval(() => {
      const now = Date.now();
      if (relay && now - lastSweep >= (relay.connected() ? this.options.sweepMs : this.options.pollMs)) {
        lastSweep = now;
        void this.catchUp();
      }
      if (now - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = now;
        pruneEvents(this.dataSource, this.options.retentionSeconds).catch((error: unknown) =>
          this.logger.warn({ err: error }, 'could not prune the event outbox'),
        );
      }
    }, this.options.pollMs);
    this.timer.unref();
  }

  /** Stores the events of the caller's transaction in the outbox; publish what it returns after the commit. */
  record(em: EntityManager, events: readonly DomainEvent[]): Promise<StoredEvent[]> {
    return recordEvents(em, events);
  }

  /** Delivers committed events here and to the other instances. */
  publish(events: readonly StoredEvent[]): void {
    for (const event of events) this.receive(event);
    if (events.length > 0) this.relay?.send(events);
  }

  /** An event from this instance, the relay or the outbox: delivered once, in order. */
  receive(event: StoredEvent): void {
    const state = this.streams.get(event.stream);
    if (!state) return; // nobody here listens to it
    state.queue = state.queue.then(() => this.deliver(state, event));
  }

  /**
   * The events of one stream, for one subscriber, from now on (events are
   * queued for it from this call, not from its first `next`). `onEvent`
   * hears each event's position as it is handed out.
   */
  subscribe<C extends Channel>(
    topic: C,
    key: string,
    onEvent?: (position: EventPosition) => void,
  ): AsyncIterableIterator<PubSubChannels[C][1] & { seq: number }> {
    type Event = PubSubChannels[C][1] & { seq: number };
    const stream = `${topic}:${key}`;
    const state = this.track(stream);
    const listener: Listener = { buffer: [], waiting: null, seen: state.last };
    state.listeners.add(listener);
    let open = true;
    const close = (): IteratorResult<Event> => {
      if (open) {
        open = false;
        state.listeners.delete(listener);
        if (state.listeners.size === 0 && this.streams.get(stream) === state) this.streams.delete(stream);
        listener.waiting?.(null);
        listener.waiting = null;
      }
      return { done: true, value: undefined };
    };
    const iterator: AsyncIterableIterator<Event> = {
      next: async () => {
        const item =
          listener.buffer.shift() ??
          (open ? await new Promise<Listener['buffer'][number] | null>((r) => (listener.waiting = r)) : null);
        if (!item) return { done: true, value: undefined };
        const event = item.value as Event;
        onEvent?.({ stream, seq: event.seq, previous: item.previous });
        return { done: false, value: event };
      },
      return: async () => close(),
      throw: async (error?: unknown) => {
        close();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** Catches up every stream listened to here from the outbox (after the relay was down, and now and then). */
  async catchUp(): Promise<void> {
    if (this.sweeping || this.streams.size === 0) return;
    this.sweeping = true;
    try {
      for (;;) {
        await Promise.all([...this.streams.values()].map((s) => s.queue)); // positions settled
        const after = new Map<string, number>();
        for (const [stream, s] of this.streams) if (s.last !== null) after.set(stream, s.last);
        const missed = await eventsAfter(this.dataSource, after, CATCH_UP_BATCH);
        for (const event of missed) this.receive(event);
        if (missed.length < CATCH_UP_BATCH) break;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'event catch-up from the outbox failed; retrying on the next sweep');
    } finally {
      this.sweeping = false;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.relay?.close();
  }

  /** The state of a stream listened to here; its position starts at the stream's last committed number. */
  private track(stream: string): StreamState {
    const existing = this.streams.get(stream);
    if (existing) return existing;
    const state: StreamState = { listeners: new Set(), last: null, queue: Promise.resolve() };
    // Events arriving meanwhile wait in the queue. Without a position (the
    // database is down) the next event sets it, with nothing filled before it.
    state.queue = lastSeqs(this.dataSource, [stream]).then(
      (found) => {
        state.last = found.get(stream) ?? 0;
        for (const listener of state.listeners) listener.seen ??= state.last;
      },
      (error: unknown) => this.logger.warn({ err: error, stream }, 'could not read the stream position'),
    );
    this.streams.set(stream, state);
    return state;
  }

  private async deliver(state: StreamState, event: StoredEvent): Promise<void> {
    const last = state.last;
    if (last !== null && event.seq <= last) return;
    if (last !== null && event.seq > last + 1) {
      // A gap: the relay lost something. Fill it from the outbox; if that fails
      // the subscribers see the jump in numbers and reload what they show.
      try {
        for (const missed of await eventsBetween(this.dataSource, event.stream, last, event.seq)) {
          this.emit(state, missed);
        }
      } catch (error) {
        this.logger.warn({ err: error, stream: event.stream }, 'could not fill an event gap from the outbox');
      }
    }
    this.emit(state, event);
  }

  private emit(state: StreamState, event: StoredEvent): void {
    if (state.last !== null && event.seq <= state.last) return;
    state.last = event.seq;
    const value = { ...event.payload, seq: event.seq };
    for (const listener of state.listeners) {
      const item = { value, previous: listener.seen };
      listener.seen = event.seq;
      if (listener.waiting) {
        listener.waiting(item);
        listener.waiting = null;
      } else {
        listener.buffer.push(item);
      }
    }
  }
}
