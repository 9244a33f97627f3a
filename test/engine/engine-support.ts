import { Engine } from '../../bot/engine.js';
import type { Channel, TurnHandler } from '../../bot/channel.js';
import { createLogger } from '../../bot/logger.js';
import type { Delivery, Inbound, InboundAttachment } from '../../bot/messages.js';
import type { Store } from '../../bot/store.js';
import { TEMPLATES } from '../../dialogs/replies/index.js';
import { KeywordUnderstander } from '../../dialogs/understanding/keyword-understander.js';
import type { TestBot } from '../support/test-bot.js';

/** The apology of a failed turn, in every language: a turn that says it did not run. */
export const SORRY = Object.values(TEMPLATES).map(templates => templates['error.sorry']);

/** A UTF-16 string with half a surrogate pair: what a cut in the wrong place leaves behind. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The store with some methods replaced; every other call goes to the real one. */
export function overrideStore(store: Store, overrides: Partial<Store>): Store {
  return new Proxy(store, {
    get(target, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof Store];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A second real engine of the test bot, over another view of its store (a failing one, a slow one). */
export function engineOver(bot: TestBot, store: Store): Engine {
  return new Engine({ store, understander: new KeywordUnderstander(), rules: () => bot.rules, clock: bot.clock.now, logger: createLogger('silent') });
}

/** A promise with its resolve at hand, to hold a turn at a chosen point. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>(resolve => { open = resolve; });
  return { promise, open };
}

let counter = 0;

/** One customer message; ids are unique unless given. */
export function inbound(userId: string, text: string, options: { messageId?: string; attachments?: InboundAttachment[]; channel?: string } = {}): Inbound {
  return { channel: options.channel ?? 'test', userId, messageId: options.messageId ?? `engine-${++counter}`, text, attachments: options.attachments ?? [] };
}

export function image(data: Buffer, name = 'photo.jpg'): InboundAttachment {
  return { kind: 'image', name, declaredType: 'image/jpeg', data };
}

export const texts = (deliveries: Delivery[]) => deliveries.map(delivery => delivery.message.text);

/** A channel whose sends the test records, and can make fail. */
export class FakeChannel implements Channel {
  readonly sent: { userId: string; deliveries: Delivery[] }[] = [];
  failing = false;

  constructor(readonly name = 'test') {}

  async start(_handler: TurnHandler): Promise<void> {}
  async stop(): Promise<void> {}

  async deliver(userId: string, deliveries: Delivery[]): Promise<void> {
    if (this.failing) throw new Error('FakeChannel: network unreachable');
    this.sent.push({ userId, deliveries });
  }

  sentTexts(): string[] {
    return this.sent.flatMap(send => texts(send.deliveries));
  }
}
