import { converse } from '../dialogs/converse.js';
import type { CheckedAttachments, CrisisView, DialogServices } from '../dialogs/context.js';
import { Replies } from '../dialogs/context.js';
import { restoreState, type DialogState } from '../dialogs/state.js';
import { detectLang } from '../dialogs/understanding/script.js';
import type { Rules } from '../policies/types.js';
import type { Channel, HistoryMessage, TurnHandler } from './channel.js';
import { isCoded, ReturnbotError } from './errors.js';
import type { Logger } from './logger.js';
import type { Delivery, Inbound, Lang, Outbound } from './messages.js';
import { checkPhoto } from './photo-check.js';
import type { CaseWrite, ConversationRecord, Product, TimerWrite } from './records.js';
import type { Store } from './store.js';
import { KeyedSerialQueue } from './turn-lock.js';
import { conversationId } from './conversation-id.js';
import { followUpTimers, type ReminderDelays } from './lifecycle/follow-up-timers.js';
import { closeWithSurvey } from './case-closing.js';
import { customerSaid, escalationChanges } from './escalations.js';
import type { DeskPublisher } from './desk-publisher.js';
import type { DeskEvent, Escalation } from './desk.js';
import type { Understander } from './understanding.js';
import { sanitizeInbound } from './inbound-guard.js';
import { t, TEMPLATES } from '../dialogs/replies/index.js';
import { localDate } from '../policies/local-time.js';

/** A non-customer turn's view of the conversation; `state` and `replies` are its to change. */
export interface ActContext {
  conversation: ConversationRecord;
  state: DialogState;
  replies: Replies;
  now: Date;
  rules: Rules;
}

export interface ActChanges {
  cases?: CaseWrite[];
  timers?: TimerWrite[];
  escalations?: Escalation[];
  deskEvents?: { escalationId: string; event: DeskEvent }[];
}

export interface EngineOptions {
  store: Store;
  understander: Understander;
  /** Read at every turn so that a rules change applies without a restart. */
  rules: () => Rules;
  clock: () => Date;
  logger: Logger;
  /** When customers are reminded of a parcel or photos they have not sent (defaults: 72 h, 24 h). */
  reminders?: ReminderDelays;
  /** The crises open now, read at every turn (default: none). */
  crises?: () => readonly CrisisView[];
}

const DEFAULT_REMINDERS: ReminderDelays = { parcelMs: 72 * 3_600_000, photosMs: 24 * 3_600_000 };

/**
 * The channel-agnostic engine. A turn runs `load → understand → check photos → converse → persist`
 * under the conversation's lock, inside one error boundary; replies leave only once stored.
 */
export class Engine implements TurnHandler {
  private readonly queue = new KeyedSerialQueue();
  private readonly channels = new Map<string, Channel>();
  private products: Product[] | undefined;
  private desk: DeskPublisher | undefined;

  constructor(private readonly options: EngineOptions) {}

  /** The reminder delays in force, for the agent desk's approvals too. */
  get reminders(): ReminderDelays {
    return this.options.reminders ?? DEFAULT_REMINDERS;
  }

  /** Hand-overs are published through this once an agent desk is configured. */
  attachDesk(publisher: DeskPublisher): void {
    this.desk = publisher;
  }

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

  async history(channel: string, userId: string, limit: number): Promise<HistoryMessage[]> {
    const messages = await this.options.store.lastMessages(conversationId(channel, userId), limit);
    return messages.map(({ direction, text, payload, at }) => ({ direction, text, message: direction === 'out' ? payload : null, at }));
  }

  /**
   * Runs a change no customer message started (an agent, a timer, the warehouse) as a turn of the
   * conversation: under its lock, idempotent by `actionKey`, stored in one transaction, then sent.
   * `work` returns `changes: null` to write nothing.
   */
  async act<T>(
    ref: { conversationId: string; channel: string; userId: string },
    actionKey: { channel: string; messageId: string } | undefined,
    work: (context: ActContext) => Promise<{ changes: ActChanges | null; result: T }>,
    duplicate: T,
  ): Promise<T> {
    const { store } = this.options;
    return this.queue.run(ref.conversationId, () =>
      this.withRetryOnStale(async () => {
        if (actionKey && (await store.wasHandled(actionKey.channel, actionKey.messageId))) return duplicate;
        const conversation = await store.loadConversation(ref.channel, ref.userId);
        if (!conversation) throw new ReturnbotError('store_failed', `Engine.act(): no conversation ${ref.conversationId}`);
        const state = restoreState(conversation.state);
        const replies = new Replies(() => state.lang);
        const now = this.options.clock();
        const { changes, result } = await work({ conversation, state, replies, now, rules: this.options.rules() });
        if (!changes) return result;
        const at = now.toISOString();
        let deliveries: Delivery[];
        try {
          deliveries = await store.saveTurn({
            ...(actionKey ? { actionKey } : {}),
            conversation: { ...conversation, state, updatedAt: at },
            expectedVersion: conversation.version,
            replies: replies.messages,
            cases: changes.cases ?? [],
            escalations: changes.escalations ?? [],
            deskEvents: changes.deskEvents ?? [],
            timers: changes.timers ?? [],
            at,
          });
        } catch (error) {
          if (isCoded(error, 'duplicate_message')) return duplicate;
          throw error;
        }
        await this.push(ref.channel, ref.userId, deliveries);
        if (changes.deskEvents?.length) this.desk?.kick();
        return result;
      }),
    );
  }

  /** Closes a case and asks its customer, on their own channel, how satisfied they are. */
  async closeCase(caseId: string, actor: 'agent' | 'system' | 'warehouse', note: string): Promise<void> {
    const record = await this.options.store.findCase(caseId);
    if (!record) throw new ReturnbotError('store_failed', `Engine.closeCase(): no case ${caseId}`);
    await this.act({ conversationId: record.conversationId, channel: record.channel, userId: record.userId }, undefined, async context => {
      // Read again under the lock: a repeated close (a retried agent action) changes and sends nothing.
      const current = await this.options.store.findCase(caseId);
      if (!current || current.status === 'closed') return { changes: null, result: undefined };
      return { changes: { cases: [closeWithSurvey(context, current, actor, note)] }, result: undefined };
    }, undefined);
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
    const attachments = await this.checkAttachments(inbound, conversation.id, rules, now);
    const at = now.toISOString();
    const inboundRecord = { channel: inbound.channel, messageId: inbound.messageId, text: inbound.text, attachmentCount: inbound.attachments.length };
    const open = await store.openEscalationOf(conversation.id);
    if (open?.status === 'claimed') {
      // A person holds the conversation: the bot stays silent and the agent sees the message.
      await store.saveTurn({
        inbound: inboundRecord,
        conversation: { ...conversation, updatedAt: at },
        expectedVersion: conversation.version,
        replies: [],
        cases: [],
        deskEvents: [customerSaid(open.id, inbound.text, attachments.acceptedPhotoIds)],
        at,
      });
      this.desk?.kick();
      return [];
    }
    const understanding = await understander.understand(inbound.text, { now, currentLang: state.lang, timezone: rules.timezone, products: await this.catalogue() });
    const result = await converse({
      state,
      text: inbound.text,
      event: inbound.event,
      understanding,
      attachments,
      conversation: { id: conversation.id, channel: inbound.channel, userId: inbound.userId, customerId: conversation.customerId },
      now,
      rules,
      crises: this.options.crises?.() ?? [],
      services: this.services(rules),
    });
    const replies: Outbound[] = truncated ? [{ text: t(result.state.lang, 'too_long') }, ...result.replies] : result.replies;
    const timers = followUpTimers({ cases: result.cases, before: state, after: result.state, conversationId: conversation.id, now, delays: this.reminders });
    const people = escalationChanges({ open, before: state, after: result.state, cases: result.cases, conversation, text: inbound.text, photoIds: attachments.acceptedPhotoIds, now, rules });
    const deliveries = await store.saveTurn({
      inbound: inboundRecord,
      conversation: { ...conversation, customerId: result.linkCustomer ?? conversation.customerId, state: result.state, updatedAt: at },
      expectedVersion: conversation.version,
      replies,
      cases: result.cases,
      ...people,
      timers,
      at,
    });
    if (people.deskEvents.length > 0) this.desk?.kick();
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
      nextCaseId: now => store.nextCaseId(localDate(now, rules.timezone).replaceAll('-', '')),
      caseHistory: caseId => store.caseEvents(caseId),
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
