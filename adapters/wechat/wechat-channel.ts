import { log as wechatyLog, WechatyBuilder, types, type Contact, type Friendship, type Message, type Room, type Wechaty, type WechatyOptions } from 'wechaty';
import type { Channel, TurnHandler } from '../../bot/channel.js';
import { ReturnbotError } from '../../bot/errors.js';
import type { Delivery, Inbound } from '../../bot/messages.js';
import { KeyedSerialQueue } from '../../bot/turn-lock.js';
import type { BackoffOptions } from './backoff.js';
import { Friendships, type AcceptRetry } from './friendships.js';
import { toInbound, WECHAT } from './inbound.js';
import { WechatyKeeper, type WechatState } from './keeper.js';
import { LastOptions } from './last-options.js';
import { describeError, silentLogger, type WechatLogger } from './logger.js';
import { DEFAULT_MAX_MESSAGE_LENGTH, toWechatTexts } from './outbound.js';

/** A puppet object (tests pass a `PuppetMock`); in production the puppet is named instead. */
export type PuppetInstance = Exclude<NonNullable<WechatyOptions['puppet']>, string>;

export interface WechatChannelOptions {
  /** The puppet's npm package name (installed next to returnbot), or a puppet object. */
  puppet: string | PuppetInstance;
  /** Passed to a named puppet: `token`, `endpoint`, and whatever else that puppet reads. */
  puppetOptions?: Record<string, unknown>;
  /** Wechaty's memory card (the saved login), as a path without `.memory-card.json`. */
  memoryPath: string;
  /** Answer in group chats, when the bot is @-mentioned. Off: group messages are ignored. */
  rooms?: boolean;
  /** Longest text sent as one WeChat message; longer replies are split. */
  maxMessageLength?: number;
  /** Largest photo the engine accepts (the rules' `photos.maxBytes`); more is never downloaded. */
  maxAttachmentBytes: number;
  logger?: WechatLogger;
  /** Restarts after a failure: first after about `initialMs`, doubling up to `maxMs`. */
  retry?: Partial<BackoffOptions>;
  /** After a logout, how long the puppet may take to log in again or show a QR code. */
  reloginGraceMs?: number;
  /** The login QR code is also written here as a PNG. */
  qrFile?: string;
  /** Wechaty's own console log (brolog). Default: WECHATY_LOG when set, else 'warn'. */
  wechatyLogLevel?: 'silent' | 'error' | 'warn' | 'info' | 'verbose' | 'silly';
  /** Longest wait for a photo's bytes from the puppet. */
  fetchTimeoutMs?: number;
  /** Accept friend requests, so that whoever scans the shop's QR code can talk to the bot. Default true. */
  acceptFriends?: boolean;
  /** A failed accept is tried again: `attempts` in all, waiting from about `initialMs` doubling up to `maxMs`. */
  acceptRetry?: Partial<AcceptRetry>;
}

/** Messages of one contact waiting their turn; beyond this a flood is dropped (and logged). */
const MAX_QUEUED_PER_CONTACT = 20;

/**
 * The WeChat channel, through the real Wechaty API and any puppet. Wechaty's 'message' event is
 * answered at once: the turn (file download, photo check, store) runs after, one message at a
 * time per contact, and its replies go back to that contact as plain text with numbered options.
 */
export class WechatChannel implements Channel {
  readonly name = WECHAT;
  private readonly logger: WechatLogger;
  private readonly keeper: WechatyKeeper;
  private readonly maxMessageLength: number;
  private readonly perContact = new KeyedSerialQueue();
  private readonly queued = new Map<string, number>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly lastOptions = new LastOptions();
  private readonly friendships: Friendships;
  private handler: TurnHandler | undefined;
  private accepting = false;

  constructor(private readonly options: WechatChannelOptions) {
    this.logger = options.logger ?? silentLogger;
    this.maxMessageLength = options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
    if (!(this.maxMessageLength >= 100)) throw new ReturnbotError('config_invalid', `WechatChannel: maxMessageLength must be at least 100, got ${this.maxMessageLength}`);
    if (!(options.maxAttachmentBytes > 0)) throw new ReturnbotError('config_invalid', 'WechatChannel: maxAttachmentBytes must be positive');
    const puppetName = typeof options.puppet === 'string' ? options.puppet : options.puppet.name();
    this.keeper = new WechatyKeeper({
      create: () => this.createBot(),
      puppetName,
      logger: this.logger,
      retry: { initialMs: options.retry?.initialMs ?? 2_000, maxMs: options.retry?.maxMs ?? 300_000 },
      reloginGraceMs: options.reloginGraceMs ?? 60_000,
      ...(options.qrFile ? { qrFile: options.qrFile } : {}),
    });
    this.friendships = new Friendships({
      accept: options.acceptFriends ?? true,
      retry: { attempts: options.acceptRetry?.attempts ?? 4, initialMs: options.acceptRetry?.initialMs ?? 5_000, maxMs: options.acceptRetry?.maxMs ?? 60_000 },
      logger: this.logger,
      added: (contact, friendshipId, hello) => this.onContactAdded(contact, friendshipId, hello),
    });
  }

  /** Where the account stands: starting, waiting_for_scan, online, offline, stopped. */
  get state(): WechatState {
    return this.keeper.status;
  }

  /** The Wechaty of the moment, for Wechaty plugins and tests; undefined before start. */
  get wechaty(): Wechaty | undefined {
    return this.keeper.current;
  }

  /** Starts Wechaty in the background and returns at once: WeChat never holds up the other channels. */
  async start(handler: TurnHandler): Promise<void> {
    if (this.handler) throw new Error('WechatChannel.start(): already started');
    this.handler = handler;
    this.accepting = true;
    const level = this.options.wechatyLogLevel ?? (process.env.WECHATY_LOG ? undefined : 'warn');
    if (level) wechatyLog.level(level);
    this.keeper.start();
  }

  /** Takes no new messages, finishes the turns under way, then stops Wechaty. */
  async stop(): Promise<void> {
    this.accepting = false;
    await this.friendships.stop();
    await this.idle();
    await this.keeper.stop();
    this.handler = undefined;
  }

  /** Resolves once the account is logged in (after the QR scan, or at once with a saved session). */
  whenOnline(timeoutMs = 30_000): Promise<void> {
    return this.keeper.whenOnline(timeoutMs);
  }

  /**
   * Resolves when every message accepted so far (or the one given) has been answered, and every
   * friend request taken so far accepted or given up.
   */
  async idle(messageId?: string): Promise<void> {
    if (messageId !== undefined) return this.pending.get(messageId);
    await this.friendships.idle();
    while (this.pending.size > 0) await Promise.allSettled([...this.pending.values()]);
  }

  async deliver(userId: string, deliveries: Delivery[]): Promise<void> {
    const bot = this.keeper.current;
    if (!bot || !this.keeper.online) throw new ReturnbotError('channel_unavailable', `WechatChannel.deliver(): WeChat is not logged in (${this.keeper.status})`);
    const contact = await bot.Contact.find({ id: userId });
    if (!contact) throw new ReturnbotError('channel_unavailable', `WechatChannel.deliver(): no WeChat contact ${userId}`);
    const sent = await this.send(text => contact.say(text), deliveries);
    this.lastOptions.remember(userId, deliveries);
    if (sent.length < deliveries.length) throw new ReturnbotError('channel_unavailable', `WechatChannel.deliver(): sending to ${userId} failed`);
  }

  private createBot(): Wechaty {
    const { puppet, puppetOptions, memoryPath } = this.options;
    // Any puppet package works: Wechaty imports it by name. Its type only lists the official ones.
    const options: WechatyOptions =
      typeof puppet === 'string'
        ? { name: memoryPath, puppet: puppet as 'wechaty-puppet-service', puppetOptions: { ...puppetOptions } }
        : { name: memoryPath, puppet };
    const bot = WechatyBuilder.build(options);
    bot.on('message', message => this.onMessage(message));
    bot.on('friendship', friendship => this.onFriendship(friendship));
    return bot;
  }

  /** Wechaty's 'message' listener: decides at once whether to take the message, never waits for the turn. */
  private onMessage(message: Message): void {
    try {
      if (!this.accepting || message.self()) return;
      const room = message.room();
      if (room && !this.options.rooms) {
        this.logger.debug({ channel: WECHAT, messageId: message.id }, 'WeChat group message ignored');
        return;
      }
      const talker = message.talker();
      if (talker.type() === types.Contact.Official) return; // official accounts' notices ask nothing
      this.enqueue(talker.id, message.id, () => this.process(message, talker, room));
    } catch (error) {
      this.logger.error({ channel: WECHAT, messageId: message.id, ...describeError(error) }, 'WeChat message not taken');
    }
  }

  /** Wechaty's 'friendship' listener: requests are accepted, new friends greeted; never throws into Wechaty. */
  private onFriendship(friendship: Friendship): void {
    try {
      if (this.accepting) this.friendships.take(friendship);
    } catch (error) {
      this.logger.error({ channel: WECHAT, friendshipId: friendship.id, ...describeError(error) }, 'WeChat friendship not taken');
    }
  }

  /**
   * A new friend is a turn of its own: the engine decides the greeting (and whether the request's
   * note names an order), stores it and the reply goes out like any other.
   */
  private onContactAdded(contact: Contact, friendshipId: string, hello: string): void {
    // Apart from message ids: some puppets give the friendship the id of a system message.
    const messageId = `friendship:${friendshipId}`;
    const inbound: Inbound = { channel: WECHAT, userId: contact.id, messageId, text: hello, attachments: [], event: 'contact_added' };
    this.enqueue(contact.id, messageId, () => this.answer(contact.id, inbound, text => contact.say(text)));
  }

  /** Runs a turn after the contact's earlier ones; `pending` holds it until it is answered. */
  private enqueue(userId: string, messageId: string, turn: () => Promise<void>): void {
    // WeChat re-sends: the same id while its first delivery is still being handled waits for nothing.
    if (this.pending.has(messageId)) return;
    const waiting = this.queued.get(userId) ?? 0;
    if (waiting >= MAX_QUEUED_PER_CONTACT) {
      this.logger.warn({ channel: WECHAT, userId, messageId }, 'WeChat message dropped: too many waiting from this contact');
      return;
    }
    this.queued.set(userId, waiting + 1);
    const work = this.perContact
      .run(userId, turn)
      .catch(error => this.logger.error({ channel: WECHAT, userId, messageId, ...describeError(error) }, 'WeChat message not answered'))
      .finally(() => {
        const left = (this.queued.get(userId) ?? 1) - 1;
        if (left > 0) this.queued.set(userId, left);
        else this.queued.delete(userId);
        this.pending.delete(messageId);
      });
    this.pending.set(messageId, work);
  }

  /** One message: as an `Inbound`, answered where it came from. */
  private async process(message: Message, talker: Contact, room: Room | undefined): Promise<void> {
    if (room && !(await message.mentionSelf())) return;
    const inbound = await toInbound(message, {
      maxAttachmentBytes: this.options.maxAttachmentBytes,
      fetchTimeoutMs: this.options.fetchTimeoutMs ?? 30_000,
      lastOptions: this.lastOptions.get(talker.id),
      logger: this.logger,
    });
    if (!inbound) {
      this.logger.debug({ channel: WECHAT, messageId: message.id, type: types.Message[message.type()] }, 'WeChat message of no interest ignored');
      return;
    }
    // In a group the answer goes to the group, @-mentioning the customer.
    await this.answer(talker.id, inbound, room ? text => room.say(text, talker) : text => talker.say(text));
  }

  /** The engine's replies to one turn (already stored), sent in order, then marked sent. */
  private async answer(userId: string, inbound: Inbound, say: (text: string) => Promise<unknown>): Promise<void> {
    const handler = this.handler;
    if (!handler) return;
    const deliveries = await handler.handle(inbound);
    const sent = await this.send(say, deliveries);
    this.lastOptions.remember(userId, deliveries);
    // What went out is marked even when a later send failed; the rest stays in the outbox.
    if (sent.length > 0) await handler.delivered(sent);
  }

  /** Sends replies in order; stops at the first failure. Resolves with the outbox ids sent. */
  private async send(say: (text: string) => Promise<unknown>, deliveries: readonly Delivery[]): Promise<number[]> {
    const sent: number[] = [];
    for (const delivery of deliveries) {
      try {
        for (const text of toWechatTexts(delivery.message, this.maxMessageLength)) await say(text);
      } catch (error) {
        this.logger.warn({ channel: WECHAT, outboxId: delivery.outboxId, ...describeError(error) }, 'WeChat reply not sent; it stays in the outbox');
        break;
      }
      sent.push(delivery.outboxId);
    }
    return sent;
  }
}
