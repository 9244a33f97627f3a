import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import { converse } from '../dialogs/converse.js';
import type { CheckedAttachments, DialogServices } from '../dialogs/context.js';
import { Replies } from '../dialogs/context.js';
import { askSurvey } from '../dialogs/survey.js';
import { restoreState } from '../dialogs/state.js';
import { detectLang } from '../dialogs/understanding/script.js';
import type { Rules } from '../policies/types.js';
import type { Channel, TurnHandler } from './channel.js';
import { isCoded, ReturnbotError } from './errors.js';
import type { Logger } from './logger.js';
import type { Delivery, Inbound, Lang, Outbound } from './messages.js';
import { checkPhoto } from './photo-check.js';
import type { CaseWrite, ConversationRecord, Product } from './records.js';
import type { Store } from './store.js';
import { KeyedSerialQueue } from './turn-lock.js';
import type { Understander } from './understanding.js';
import { sanitizeInbound } from './inbound-guard.js';
import { t, TEMPLATES } from '../dialogs/replies/index.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface EngineOptions {
  store: Store;
  understander: Understander;
  /** Read at every turn so that a rules change applies without a restart. */
  rules: () => Rules;
  clock: () => Date;
  logger: Logger;
}

const conversationId = (channel: string, userId: string) => `${channel}:${userId}`;

/**
 * The channel-agnostic engine. A turn runs `load → understand → check photos → converse → persist`
 * under the conversation's lock, inside one error boundary; replies leave only once stored.
 */
export class Engine implements TurnHandler {
  private readonly queue = new KeyedSerialQueue();
  private readonly channels = new Map<string, Channel>();
  private products: Product[] | undefined;

  constructor(private readonly options: EngineOptions) {}

  /** Lets the engine send proactive messages (survey, agents, progress) to this channel. */
  attach(channel: Channel): void {
    this.channels.set(channel.name, channel);
  }

  async handle(raw: Inbound): Promise<Delivery[]> {
    const checked = sanitizeInbound(raw);
    if (!checked.ok) {
      this.options.logger.warn({ problem: checked.problem }, 'inbound message refused');
      return [];
    }
    const inbound = checked.inbound;
    const id = conversationId(inbound.channel, inbound.userId);
    return this.queue.run(id, async () => {
      try {
        return await this.withRetryOnStale(() => this.turn(inbound, checked.truncated));
      } catch (error) {
        if (isCoded(error, 'duplicate_message')) return [];
        this.options.logger.error({ err: error, conversationId: id, messageId: inbound.messageId }, 'turn failed');
        return this.apologize(inbound);
      }
    });
  }

  async delivered(outboxIds: number[]): Promise<void> {
    const stored = outboxIds.filter(id => id > 0);
    if (stored.length > 0) await this.options.store.markDelivered(stored, this.options.clock().toISOString());
  }

  /** Closes a case and asks its customer, on their own channel, how satisfied they are. */
  async closeCase(caseId: string, actor: 'agent' | 'system' | 'warehouse', note: string): Promise<void> {
    const { store } = this.options;
    const record = await store.findCase(caseId);
    if (!record) throw new ReturnbotError('store_failed', `Engine.closeCase(): no case ${caseId}`);
    await this.queue.run(record.conversationId, async () => {
      // Read again under the lock: a repeated close (a retried agent action) changes and sends nothing.
      const current = await store.findCase(caseId);
      if (!current || current.status === 'closed') return;
      const now = this.options.clock();
      const conversation = await store.loadConversation(record.channel, record.userId);
      if (!conversation) throw new ReturnbotError('store_failed', `Engine.closeCase(): no conversation for case ${caseId}`);
      const state = restoreState(conversation.state);
      const replies = new Replies(() => state.lang);
      state.step = askSurvey(caseId, replies);
      const at = now.toISOString();
      const cases: CaseWrite[] = [{ kind: 'transition', caseId, to: 'closed', patch: {}, event: { caseId, from: current.status, to: 'closed', actor, note, at } }];
      const deliveries = await store.saveTurn({
        conversation: { ...conversation, state, updatedAt: at },
        expectedVersion: conversation.version,
        replies: replies.messages,
        cases,
        at,
      });
      await this.push(record.channel, record.userId, deliveries);
    });
  }

  /** Sends stored messages through their channel now; on failure the dispatcher retries later. */
  async push(channelName: string, userId: string, deliveries: Delivery[]): Promise<void> {
    const channel = this.channels.get(channelName);
    if (!channel || deliveries.length === 0) return;
    try {
      await channel.deliver(userId, deliveries);
      await this.delivered(deliveries.map(delivery => delivery.outboxId));
    } catch (error) {
      this.options.logger.warn({ err: error, channel: channelName }, 'proactive delivery deferred');
    }
  }

  private async withRetryOnStale<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isCoded(error, 'stale_state')) throw error;
      return work();
    }
  }

  private async turn(inbound: Inbound, truncated: boolean): Promise<Delivery[]> {
    const { store, understander, logger } = this.options;
    if (await store.wasHandled(inbound.channel, inbound.messageId)) return [];
    const now = this.options.clock();
    const rules = this.options.rules();
    const id = conversationId(inbound.channel, inbound.userId);
    const conversation: ConversationRecord = (await store.loadConversation(inbound.channel, inbound.userId)) ?? {
      id, channel: inbound.channel, userId: inbound.userId, version: 0, customerId: null, state: null, updatedAt: now.toISOString(),
    };
    const state = restoreState(conversation.state);
    const understanding = await understander.understand(inbound.text, { now, currentLang: state.lang, timezone: rules.timezone, products: await this.catalogue() });
    const attachments = await this.checkAttachments(inbound, conversation.id, rules, now);
    const result = await converse({
      state,
      text: inbound.text,
      understanding,
      attachments,
      conversation: { id: conversation.id, channel: inbound.channel, userId: inbound.userId, customerId: conversation.customerId },
      now,
      rules,
      services: this.services(rules),
    });
    const replies: Outbound[] = truncated ? [{ text: t(result.state.lang, 'too_long') }, ...result.replies] : result.replies;
    const at = now.toISOString();
    const deliveries = await store.saveTurn({
      inbound: { channel: inbound.channel, messageId: inbound.messageId, text: inbound.text, attachmentCount: inbound.attachments.length },
      conversation: { ...conversation, customerId: result.linkCustomer ?? conversation.customerId, state: result.state, updatedAt: at },
      expectedVersion: conversation.version,
      replies,
      cases: result.cases,
      at,
    });
    logger.debug({ conversationId: conversation.id, intent: understanding.intent, step: result.state.step.kind }, 'turn');
    return deliveries;
  }

  private async checkAttachments(inbound: Inbound, conversationIdValue: string, rules: Rules, now: Date): Promise<CheckedAttachments> {
    const checked: CheckedAttachments = { acceptedPhotoIds: [], rejected: [], voice: false, sticker: false };
    for (const attachment of inbound.attachments) {
      if (attachment.kind === 'voice') checked.voice = true;
      else if (attachment.kind === 'sticker') checked.sticker = true;
      else {
        const photo = await checkPhoto(attachment, rules.photos.maxBytes);
        if (!photo.ok) {
          checked.rejected.push({ name: photo.name, problem: photo.problem });
          continue;
        }
        await this.options.store.savePhoto({ id: photo.id, mime: photo.mime, bytes: photo.data.length, conversationId: conversationIdValue, createdAt: now.toISOString() }, photo.data);
        checked.acceptedPhotoIds.push(photo.id);
      }
    }
    return checked;
  }

  private services(rules: Rules): DialogServices {
    const { store } = this.options;
    return {
      findOrder: orderId => store.findOrder(orderId),
      findCustomer: customerId => store.findCustomer(customerId),
      nextCaseId: now => store.nextCaseId(dayjs(now).tz(rules.timezone).format('YYYYMMDD')),
      casesFor: async (id, customerId) => {
        const own = await store.casesOfConversation(id);
        const theirs = customerId ? await store.casesOfCustomer(customerId) : [];
        const byId = new Map([...own, ...theirs].map(record => [record.id, record]));
        return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
      },
    };
  }

  private async catalogue(): Promise<Product[]> {
    this.products ??= await this.options.store.listProducts();
    return this.products;
  }

  /**
   * The turn failed and nothing of it was stored: the customer is asked to send it again, and a
   * channel's own redelivery of the same message gets a fresh try.
   */
  private async apologize(inbound: Inbound): Promise<Delivery[]> {
    const current = await this.storedLang(inbound);
    return [{ outboxId: 0, message: { text: t(detectLang(inbound.text, current) ?? current ?? 'zh-Hans', 'error.sorry') } }];
  }

  /** The conversation's language as last stored, when the store can still say; never throws. */
  private async storedLang(inbound: Inbound): Promise<Lang | null> {
    try {
      const conversation = await this.options.store.loadConversation(inbound.channel, inbound.userId);
      const lang = conversation ? restoreState(conversation.state).lang : null;
      return lang && Object.hasOwn(TEMPLATES, lang) ? lang : null;
    } catch {
      return null;
    }
  }
}
