import type { Activity } from 'botbuilder';
import { describeError, type Logger } from '../logger.js';

/** The header by which /api/messages knows an activity comes from our own Direct Line. */
export const RELAY_HEADER = 'x-returnbot-relay';

/** A turn longer than this is stuck; the engine's idempotency makes giving up safe. */
const TURN_TIMEOUT_MS = 120_000;

export interface RelayOptions {
  botUrl: string;
  relayKey: string;
  logger: Logger;
  /** Runs the bot's turn in this process; without it activities go to `botUrl` by HTTP. */
  deliver?: (activity: Partial<Activity>) => Promise<void>;
}

/**
 * Hands customer activities to the bot by HTTP, as Azure's Direct Line does, after the customer
 * already has their acknowledgement. One conversation's activities go one at a time, in order.
 */
export class Relay {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly options: RelayOptions) {}

  forward(conversationId: string, activity: Partial<Activity>): void {
    const next = (this.tails.get(conversationId) ?? Promise.resolve()).then(() => this.post(conversationId, activity));
    this.tails.set(conversationId, next);
    void next.then(() => {
      if (this.tails.get(conversationId) === next) this.tails.delete(conversationId);
    });
  }

  /** Waits for the activities already accepted, so that stopping loses none mid-flight. */
  async drain(): Promise<void> {
    await Promise.all(this.tails.values());
  }

  private async post(conversationId: string, activity: Partial<Activity>): Promise<void> {
    const fields = { where: 'directline.relay', conversationId, activityId: activity.id };
    if (this.options.deliver) {
      try {
        await this.options.deliver(activity);
      } catch (error) {
        this.options.logger.error({ ...fields, ...describeError(error) }, 'bot failed on an activity');
      }
      return;
    }
    try {
      const response = await fetch(this.options.botUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [RELAY_HEADER]: this.options.relayKey },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(TURN_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (!response.ok) this.options.logger.error({ ...fields, status: response.status }, 'bot refused an activity');
    } catch (error) {
      this.options.logger.error({ ...fields, ...describeError(error) }, 'bot unreachable');
    }
  }
}
