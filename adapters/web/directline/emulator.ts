import type { Server } from 'node:http';
import type { Activity, ConversationReference } from 'botbuilder';
import type { Express } from 'express';
import { guarded } from '../http.js';
import { describeError, type Logger } from '../logger.js';
import { BOT, CHANNEL_ID, fromBot, fromStoredCustomer } from './activities.js';
import { connectorRoutes } from './connector.js';
import type { DirectLine } from './context.js';
import { Conversations, type Conversation, type HistoryEntry } from './conversations.js';
import { FileStore } from './files.js';
import type { Keys } from './keys.js';
import { Relay } from './relay.js';
import { clientRoutes, sessionRoutes } from './routes.js';
import { Sessions } from './sessions.js';
import { Sockets } from './sockets.js';

export interface DirectLineOptions {
  app: Express;
  server: Server;
  /** Where browsers and botbuilder reach this server, without a trailing slash. */
  publicUrl: string;
  keys: Keys;
  /** Proves to /api/messages that an activity comes from this emulator. */
  relayKey: string;
  maxUploadBytes: number;
  logger: Logger;
  /** The bot's turn in this process (see Relay). */
  deliver?: (activity: Partial<Activity>) => Promise<void>;
  /**
   * A user's stored messages, oldest first, the bot's as activities: seeds a conversation that is
   * not in memory (after a restart) when a page opens it.
   */
  history?: (userId: string) => Promise<StoredActivity[]>;
}

/** One stored message for `history`: the customer's text, or the bot's message as an activity. */
export type StoredActivity = { from: 'user'; text: string; at: string } | { from: 'bot'; activity: Partial<Activity>; at: string };

/** Where Web Chat's `domain` points. */
const DIRECT_LINE_PATH = '/v3/directline';

/**
 * A Direct Line 3.0 service inside the bot, so that the official Web Chat needs no Azure: the
 * page talks to it as to directline.botframework.com, and it talks to the bot as Azure would
 * (activities to /api/messages, replies back through a Bot Connector endpoint).
 */
export class DirectLineEmulator implements DirectLine {
  readonly sessions: Sessions;
  readonly files: FileStore;
  readonly maxUploadBytes: number;
  readonly serviceUrl: string;
  private readonly conversations = new Conversations();
  private readonly sockets: Sockets;
  private readonly relay: Relay;
  private readonly connectorKey: string;

  constructor(private readonly options: DirectLineOptions) {
    const { publicUrl, keys, logger } = options;
    this.sessions = new Sessions(keys);
    this.files = new FileStore(`${publicUrl}/webchat/files`);
    this.maxUploadBytes = options.maxUploadBytes;
    this.connectorKey = keys.sign('connector', 'serviceUrl');
    this.serviceUrl = `${publicUrl}/webchat/connector/${this.connectorKey}`;
    this.relay = new Relay({ botUrl: `${publicUrl}/api/messages`, relayKey: options.relayKey, logger, ...(options.deliver ? { deliver: options.deliver } : {}) });
    this.sockets = new Sockets({
      server: options.server,
      path: new RegExp(`^${DIRECT_LINE_PATH}/conversations/([^/]+)/stream$`),
      open: async (conversationId, ticket, watermark) => {
        const conversation = this.sessions.checkStreamTicket(conversationId, ticket) ? this.conversation(conversationId) : undefined;
        if (!conversation) return undefined;
        await this.restore(conversation);
        return conversation.since(watermark);
      },
      logger,
    });
  }

  mount(): void {
    const { app, logger } = this.options;
    app.use(guarded(logger, 'webchat.session', sessionRoutes(this)));
    app.use(DIRECT_LINE_PATH, guarded(logger, 'directline', clientRoutes(this)));
    app.use('/webchat/files', guarded(logger, 'directline.files', this.files.routes()));
    app.use('/webchat/connector/:key', guarded(logger, 'directline.connector', connectorRoutes(this, this.connectorKey)));
    this.sockets.start();
  }

  async stop(): Promise<void> {
    await this.relay.drain();
    await this.sockets.stop();
    this.files.clear();
    this.conversations.clear();
  }

  conversation(conversationId: string): Conversation | undefined {
    const userId = this.sessions.ownerOf(conversationId);
    return userId ? this.conversations.open(conversationId, userId) : undefined;
  }

  conversationOf(userId: string): Conversation {
    return this.conversations.open(this.sessions.conversationOf(userId), userId);
  }

  /** Seeds the conversation from the stored history, once; without history it stays as it is. */
  async restore(conversation: Conversation): Promise<void> {
    const { history, logger } = this.options;
    if (!history) return;
    await conversation.restore(async () => {
      try {
        return (await history(conversation.userId)).map(stored => this.entryOf(conversation, stored));
      } catch (error) {
        logger.warn({ where: 'directline.history', conversationId: conversation.id, ...describeError(error) }, 'history not restored');
        return [];
      }
    });
  }

  private entryOf(conversation: Conversation, stored: StoredActivity): HistoryEntry {
    const at = new Date(stored.at);
    if (stored.from === 'user') {
      return { from: 'user', text: stored.text, make: id => fromStoredCustomer(stored.text, id, conversation, at) };
    }
    return {
      from: 'bot',
      text: stored.activity.text ?? '',
      make: id => ({ ...fromBot(stored.activity as Record<string, unknown>, id, conversation), timestamp: at }),
    };
  }

  publish(conversation: Conversation, activity: Partial<Activity> & { id: string }): void {
    this.sockets.push(conversation.id, conversation.append(activity));
  }

  /** A bot's message handed over in-process: what the connector endpoint does over HTTP. */
  fromBot(activity: Partial<Activity>): { id: string } {
    const conversation = this.conversation(activity.conversation?.id ?? '');
    if (!conversation) throw new Error(`DirectLineEmulator.fromBot(): no conversation ${activity.conversation?.id}`);
    if (activity.type !== 'message') return { id: '' };
    const id = conversation.newActivityId();
    this.publish(conversation, fromBot(activity as Record<string, unknown>, id, conversation));
    return { id };
  }

  forward(conversation: Conversation, activity: Partial<Activity>): void {
    this.relay.forward(conversation.id, activity);
  }

  streamUrl(conversation: Conversation, watermark?: string): string {
    const url = new URL(`${this.options.publicUrl}${DIRECT_LINE_PATH}/conversations/${conversation.id}/stream`);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('t', this.sessions.streamTicket(conversation.id));
    if (watermark) url.searchParams.set('watermark', watermark);
    return url.href;
  }

  /**
   * How botbuilder reaches a web user who has not written since the last restart: every part of
   * the reference follows from the user id. Undefined for ids that are not ours.
   */
  referenceFor(userId: string): Partial<ConversationReference> | undefined {
    if (!this.sessions.isWebUser(userId)) return undefined;
    return {
      channelId: CHANNEL_ID,
      serviceUrl: this.serviceUrl,
      conversation: { id: this.sessions.conversationOf(userId), isGroup: false, conversationType: 'personal', name: '' },
      user: { id: userId, name: '', role: 'user' },
      bot: BOT,
    };
  }
}
