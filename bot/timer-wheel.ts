import { BackgroundPass } from './background-pass.js';
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
export class TimerWheel extends BackgroundPass {
  constructor(private readonly options: TimerWheelOptions) {
    super(options.intervalMs ?? 30_000);
  }

  /** One pass over the due timers. */
  protected async pass(): Promise<void> {
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
