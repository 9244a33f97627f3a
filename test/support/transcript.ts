import { expect } from 'chai';
import type { InboundAttachment, Outbound } from '../../bot/messages.js';
import type { CaseRecord } from '../../bot/records.js';
import type { TestBot } from './test-bot.js';

let messageCounter = 0;

/** What a transcript talks to: a TestBot, or the engine and store of a running bot or core. */
export type ChatBot = Pick<TestBot, 'engine' | 'store'>;

/** How a customer sees a reply, as text: the message, its card and its buttons. */
export function render(reply: Outbound): string {
  const card = reply.card ? [reply.card.title, ...reply.card.fields.map(field => `${field.label}: ${field.value}`)] : [];
  const buttons = reply.quickReplies?.length ? [`[${reply.quickReplies.map(button => button.label).join('] [')}]`] : [];
  return [reply.text, ...card, ...buttons].join('\n');
}

/**
 * A conversation test that reads like a transcript, in the spirit of botbuilder's TestFlow:
 * `chat(bot).customer('…').bot(/…/).photo().bot(/…/).caseIs({…})`, awaited at the end.
 */
export class Transcript implements PromiseLike<void> {
  private chain: Promise<void> = Promise.resolve();
  private lastReplies: Outbound[] = [];
  readonly log: string[] = [];

  constructor(
    private readonly testBot: ChatBot,
    readonly channel: string,
    readonly userId: string,
  ) {}

  customer(text: string, attachments: InboundAttachment[] = [], messageId = `m${++messageCounter}`): this {
    return this.step(async () => {
      this.log.push(`customer: ${text}${attachments.length ? ` (+${attachments.length} attachment)` : ''}`);
      const deliveries = await this.testBot.engine.handle({ channel: this.channel, userId: this.userId, messageId, text, attachments });
      await this.testBot.engine.delivered(deliveries.map(delivery => delivery.outboxId));
      this.lastReplies = deliveries.map(delivery => delivery.message);
      for (const reply of this.lastReplies) this.log.push(`bot: ${render(reply)}`);
    });
  }

  /** The customer sends a file; `data` decides what it really is, whatever its name. */
  photo(data: Buffer, name = 'photo.jpg', text = ''): this {
    return this.customer(text, [{ kind: 'image', name, declaredType: 'image/jpeg', data }]);
  }

  /** Every pattern matches some reply of the last turn. */
  bot(...patterns: RegExp[]): this {
    return this.step(async () => {
      const said = this.lastReplies.map(render).join('\n---\n');
      for (const pattern of patterns) expect(said, `bot should say ${pattern}\n${this.transcript()}`).to.match(pattern);
    });
  }

  botNot(pattern: RegExp): this {
    return this.step(async () => {
      const said = this.lastReplies.map(render).join('\n---\n');
      expect(said, `bot should not say ${pattern}\n${this.transcript()}`).not.to.match(pattern);
    });
  }

  /** The last turn was answered with nothing at all (a repeated message). */
  silent(): this {
    return this.step(async () => {
      expect(this.lastReplies, this.transcript()).to.deep.equal([]);
    });
  }

  buttons(...labels: string[]): this {
    return this.step(async () => {
      const shown = this.lastReplies.flatMap(reply => reply.quickReplies ?? []).map(button => button.label);
      expect(shown, this.transcript()).to.include.members(labels);
    });
  }

  /** The newest case of this conversation has these fields. */
  caseIs(expected: Partial<Omit<CaseRecord, 'decision'>> & { decision?: Partial<CaseRecord['decision']> }): this {
    return this.step(async () => {
      const record = await this.latestCase();
      expect(record, `a case should exist\n${this.transcript()}`).to.not.equal(undefined);
      const { decision, ...fields } = expected;
      expect(record, this.transcript()).to.deep.include(fields);
      if (decision) expect(record!.decision, this.transcript()).to.deep.include(decision);
    });
  }

  caseCount(count: number): this {
    return this.step(async () => {
      const cases = await this.testBot.store.casesOfConversation(`${this.channel}:${this.userId}`);
      expect(cases, this.transcript()).to.have.length(count);
    });
  }

  /** Runs any check between steps (the store, the clock). */
  then_(check: () => Promise<void> | void): this {
    return this.step(async () => check());
  }

  async latestCase(): Promise<CaseRecord | undefined> {
    const cases = await this.testBot.store.casesOfConversation(`${this.channel}:${this.userId}`);
    return [...cases].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))[0];
  }

  then<T1 = void, T2 = never>(onFulfilled?: ((value: void) => T1 | PromiseLike<T1>) | null, onRejected?: ((reason: unknown) => T2 | PromiseLike<T2>) | null): Promise<T1 | T2> {
    return this.chain.then(onFulfilled, onRejected);
  }

  private transcript(): string {
    return `--- transcript ---\n${this.log.join('\n')}`;
  }

  private step(work: () => Promise<void>): this {
    this.chain = this.chain.then(work);
    return this;
  }
}

export function chat(testBot: ChatBot, userId = `customer-${++messageCounter}`, channel = 'test'): Transcript {
  return new Transcript(testBot, channel, userId);
}
