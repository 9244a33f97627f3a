import { BackgroundPass } from './background-pass.js';
import type { Logger } from './logger.js';
import type { Delivery } from './messages.js';
import type { Store } from './store.js';

export interface OutboxDispatcherOptions {
  store: Store;
  push(channel: string, userId: string, deliveries: Delivery[]): Promise<void>;
  clock: () => Date;
  logger: Logger;
  /** A turn's replies are its own to send for this long; after it they count as lost and are resent. */
  graceMs?: number;
  intervalMs?: number;
}

/**
 * Sends what the outbox still holds: replies whose turn crashed before sending, and proactive
 * messages whose channel was down. Entries are claimed when taken, so sending is at least once.
 */
export class OutboxDispatcher extends BackgroundPass {
  constructor(private readonly options: OutboxDispatcherOptions) {
    super(options.intervalMs ?? 5000);
  }

  /** One pass over the pending entries. */
  protected async pass(): Promise<void> {
    const { store, clock, logger } = this.options;
    try {
      const claimedBefore = new Date(clock().getTime() - (this.options.graceMs ?? 30_000)).toISOString();
      for (const group of await store.pendingDeliveries(claimedBefore, 200)) {
        await this.options.push(group.channel, group.userId, group.deliveries);
      }
    } catch (error) {
      logger.error({ err: error }, 'outbox dispatch failed');
    }
  }
}
