import type { Channel } from '../../bot/channel.js';
import { DeskActions } from '../../bot/agent-actions.js';
import { DeskPublisher } from '../../bot/desk-publisher.js';
import type { AgentDesk, DeskEvent } from '../../bot/desk.js';
import type { Delivery } from '../../bot/messages.js';
import { createLogger } from '../../bot/logger.js';
import type { TestBot } from '../support/test-bot.js';

/** A desk that records what it is shown; `down` makes it throw like Slack when unreachable. */
export class RecordingDesk implements AgentDesk {
  readonly name = 'recording';
  readonly events: DeskEvent[] = [];
  down = false;
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async publish(event: DeskEvent): Promise<void> {
    if (this.down) throw new Error('desk unreachable');
    this.events.push(event);
  }
  kinds(): string[] {
    return this.events.map(event => event.kind);
  }
}

/** The customer's channel for proactive messages (what agents say reaches them here). */
export class RecordingChannel implements Channel {
  readonly sent: { userId: string; text: string }[] = [];
  constructor(readonly name: string) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async deliver(userId: string, deliveries: Delivery[]): Promise<void> {
    for (const delivery of deliveries) this.sent.push({ userId, text: delivery.message.text });
  }
  textsTo(userId: string): string {
    return this.sent.filter(entry => entry.userId === userId).map(entry => entry.text).join('\n');
  }
}

export function attachDesk(bot: TestBot) {
  const desk = new RecordingDesk();
  const channel = new RecordingChannel('test');
  bot.engine.attach(channel);
  const publisher = new DeskPublisher({ store: bot.store, desk, clock: bot.clock.now, logger: createLogger('silent') });
  bot.engine.attachDesk(publisher);
  const actions = new DeskActions(bot.engine, bot.store);
  return { desk, channel, publisher, actions };
}
