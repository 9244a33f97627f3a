import { BackgroundPass } from './background-pass.js';
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
export class DeskPublisher extends BackgroundPass {
  /** After a failure nothing is published before this time, so later events never overtake it. */
  private pausedUntil = 0;

  constructor(private readonly options: DeskPublisherOptions) {
    super(options.intervalMs ?? 5000);
  }

  protected async pass(): Promise<void> {
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
