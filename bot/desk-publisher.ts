import type { AgentDesk } from './desk.js';
import type { Logger } from './logger.js';
import type { Store } from './store.js';

export interface DeskPublisherOptions {
  store: Store;
  desk: AgentDesk;
  clock: () => Date;
  logger: Logger;
  /** A failed event is tried again once this long has passed since it was taken. */
  retryAfterMs?: number;
  intervalMs?: number;
}

/**
 * Publishes stored desk events in order. When the desk fails (Slack down or rate-limiting), the
 * pass stops and the events wait in the store; nothing reaches the desk out of order or is lost.
 */
export class DeskPublisher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  /** After a failure nothing is published before this time, so later events never overtake it. */
  private pausedUntil = 0;

  constructor(private readonly options: DeskPublisherOptions) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.intervalMs ?? 5000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Publishes soon, without making the caller wait. */
  kick(): void {
    void this.runOnce();
  }

  /** One pass; a kick during a pass runs another right after it, so a new event never waits. */
  runOnce(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.publishPending();
      } while (this.again);
    })().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async publishPending(): Promise<void> {
    const { store, desk, clock, logger } = this.options;
    const retryAfterMs = this.options.retryAfterMs ?? 30_000;
    if (clock().getTime() < this.pausedUntil) return;
    try {
      const claimedBefore = new Date(clock().getTime() - retryAfterMs).toISOString();
      for (const { id, event } of await store.pendingDeskEvents(claimedBefore, 100)) {
        try {
          await desk.publish(event);
        } catch (error) {
          logger.warn({ err: error, escalationId: event.escalationId, kind: event.kind }, 'agent desk unavailable, will retry');
          this.pausedUntil = clock().getTime() + retryAfterMs;
          return;
        }
        await store.markDeskEventsPublished([id], clock().toISOString());
      }
    } catch (error) {
      logger.error({ err: error }, 'desk publishing failed');
    }
  }
}
