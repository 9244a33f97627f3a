import type { Server } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import type { Express } from 'express';
import type { Channel, TurnHandler } from '../../bot/channel.js';
import { ReturnbotError } from '../../bot/errors.js';
import type { Delivery } from '../../bot/messages.js';
import { createRoutes, type AzureCredentials } from './bot/adapters.js';
import { botEndpoint } from './bot/endpoint.js';
import { fetchCapped } from './bot/fetch-capped.js';
import type { FetchBytes } from './bot/inbound.js';
import { References } from './bot/references.js';
import { toActivity } from './bot/render.js';
import { turnLogic } from './bot/turn.js';
import { DirectLineEmulator, type StoredActivity } from './directline/emulator.js';
import { Keys } from './directline/keys.js';
import { guarded } from './http.js';
import { defaultLogger, describeError, type Logger } from './logger.js';
import { pageRoutes } from './page/routes.js';

/** Stored messages a page gets back when it reopens a conversation the server has no memory of. */
const HISTORY_MESSAGES = 50;

export interface WebChannelOptions extends AzureCredentials {
  /** The composition root's app and server: the channel mounts its routes and its WebSocket. */
  app: Express;
  server: Server;
  /** How browsers (and the bot, for its own Direct Line) reach this server, e.g. https://shop.example. */
  publicUrl: string;
  /** Signs customer sessions; keep it stable, or every customer starts over. */
  sessionSecret: string;
  /** Largest file a customer may upload, and the bot fetch. */
  maxUploadBytes: number;
  logger?: Logger;
}

/**
 * The website channel. Web Chat on our own page talks to an embedded Direct Line, which talks to
 * the bot exactly as Azure Bot Service would; with an app id the same bot also serves Azure.
 */
export class WebChannel implements Channel {
  readonly name = 'web';
  private readonly logger: Logger;
  private readonly publicUrl: string;
  private running: { emulator: DirectLineEmulator; references: References } | undefined;

  constructor(private readonly options: WebChannelOptions) {
    this.logger = options.logger ?? defaultLogger();
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(this.publicUrl)) {
      throw new ReturnbotError('config_invalid', `WebChannel: publicUrl must be an http(s) URL, got "${options.publicUrl}"`);
    }
    if (!(options.maxUploadBytes > 0)) throw new ReturnbotError('config_invalid', 'WebChannel: maxUploadBytes must be positive');
    if (options.sessionSecret.length < 16) {
      throw new ReturnbotError('config_invalid', 'WebChannel: sessionSecret must be at least 16 characters');
    }
  }

  async start(handler: TurnHandler): Promise<void> {
    if (this.running) throw new Error('WebChannel.start(): already started');
    const { app, server, maxUploadBytes } = this.options;
    const { logger, publicUrl } = this;
    const keys = new Keys(this.options.sessionSecret);
    const relayKey = keys.sign('relay', 'api/messages');
    // Our Direct Line and the bot's local door call each other in-process (see EmbeddedAdapter).
    let logic: ((context: TurnContext) => Promise<void>) | undefined;
    const deliver = async (activity: Partial<Activity>) => {
      await routes.embedded.run(structuredClone(activity) as Activity, logic!);
    };
    const history = handler.history?.bind(handler);
    const emulator = new DirectLineEmulator({
      app, server, publicUrl, keys, relayKey, maxUploadBytes, logger, deliver,
      // Rendered as the live path renders them (turnLogic, deliver), so a replayed reply looks the same.
      ...(history ? {
        history: async (userId: string): Promise<StoredActivity[]> =>
          (await history(this.name, userId, HISTORY_MESSAGES)).map(({ direction, text, message, at }) =>
            direction === 'in' ? { from: 'user', text, at } : { from: 'bot', activity: toActivity(message ?? { text }, userId), at },
          ),
      } : {}),
    });
    const routes = createRoutes(this.options, logger, (activity) => emulator.fromBot(activity));
    const references = new References(userId => {
      const reference = emulator.referenceFor(userId);
      return reference && { reference, route: routes.local };
    });
    const fetchBytes: FetchBytes = async url => {
      const own = emulator.files.bytesAt(url);
      if (own) return own;
      try {
        return await fetchCapped(url, maxUploadBytes);
      } catch (error) {
        logger.warn({ where: 'web.attachment', ...describeError(error) }, 'attachment not fetched');
        return undefined;
      }
    };
    const deps = { handler, references, fetchBytes };
    logic = turnLogic(deps, routes.local);

    app.use(guarded(logger, 'web.bot', botEndpoint({ ...routes, relayKey, logicFor: route => turnLogic(deps, route) })));
    emulator.mount();
    app.use(guarded(logger, 'web.page', pageRoutes()));
    this.running = { emulator, references };
  }

  /** Closes the sockets and waits for customer messages already accepted; routes stay mounted. */
  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.emulator.stop();
  }

  async deliver(userId: string, deliveries: Delivery[]): Promise<void> {
    const reachable = this.running?.references.find(userId);
    if (!reachable) throw new ReturnbotError('channel_unavailable', `WebChannel.deliver(): no conversation known for ${userId}`);
    const { route, reference } = reachable;
    // botbuilder hands errors inside the callback to onTurnError, which only logs: keep the first
    // one and throw it, so the outbox keeps what did not go out.
    let failure: unknown;
    await route.adapter.continueConversationAsync(route.appId, reference, async context => {
      try {
        for (const delivery of deliveries) await context.sendActivity(toActivity(delivery.message, reference.user?.id ?? userId));
      } catch (error) {
        failure = error;
      }
    });
    if (failure !== undefined) {
      throw new ReturnbotError('channel_unavailable', `WebChannel.deliver(): sending to ${userId} failed`, { cause: failure });
    }
  }
}
