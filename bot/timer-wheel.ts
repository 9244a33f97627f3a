import type { Logger } from './logger.js';
import type { DueTimer } from './records.js';
import type { Store } from './store.js';

export interface TimerWheelOptions {
  store: Store;
  clock: () => Date;
  logger: Logger;
  /**
   * Runs a timer's effect. Must be idempotent by the timer's id (through `Engine.act` with the
   * action key ('timer', String(id))): a crash between it and `markTimerFired` runs it again.
   */
  handle: (timer: DueTimer) => Promise<void>;
  /** How often the store is polled for due timers. */
  intervalMs?: number;
  /** A timer whose handler failed (or whose process died) is taken again once this long has passed. */
  retryAfterMs?: number;
}

/** Timers taken from the store per query; a pass keeps querying while batches come back full. */
const BATCH = 100;

/**
 * Fires durable timers (data/sqlite `timers`): each due timer is claimed, handled, then marked
 * fired, so it fires once across restarts and several processes. A failing handler leaves its
 * timer claimed; it is tried again after `retryAfterMs`, and the other timers go on meanwhile.
 * A handler that never settles holds the wheel: handlers must time out on their own.
 */
export class TimerWheel {
  private interval: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: TimerWheelOptions) {}

  start(): void {
    this.interval = setInterval(() => void this.runOnce(), this.options.intervalMs ?? 30_000);
    this.interval.unref();
  }

  /** Stops polling and waits for the pass in progress. */
  async stop(): Promise<void> {
    clearInterval(this.interval);
    this.interval = undefined;
    await this.running;
  }

  /** One pass over the due timers; overlapping calls share the pass in progress. */
  runOnce(): Promise<void> {
    this.running ??= this.fireDue().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async fireDue(): Promise<void> {
    const { store, clock, logger } = this.options;
    const retryAfterMs = this.options.retryAfterMs ?? 60_000;
    try {
      for (;;) {
        const now = clock();
        const claimedBefore = new Date(now.getTime() - retryAfterMs).toISOString();
        const batch = await store.dueTimers(now.toISOString(), claimedBefore, BATCH);
        for (const timer of batch) await this.fire(timer);
        // Every timer of the batch is now fired or claimed, so a full batch's next query moves on.
        if (batch.length < BATCH) return;
      }
    } catch (error) {
      logger.error({ err: error }, 'timer wheel pass failed');
    }
  }

  private async fire(timer: DueTimer): Promise<void> {
    const { store, clock, logger, handle } = this.options;
    try {
      await handle(timer);
    } catch (error) {
      logger.warn({ err: error, timerId: timer.id, kind: timer.kind, subject: timer.subject }, 'timer handler failed, will retry');
      return;
    }
    // Failing here leaves the timer claimed: it is handled again later, which the handler's idempotency absorbs.
    await store.markTimerFired(timer.id, clock().toISOString());
    logger.debug({ timerId: timer.id, kind: timer.kind, subject: timer.subject }, 'timer fired');
  }
}
