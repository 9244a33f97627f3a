/**
 * The agent desk in Slack (issue 4): one thread per escalation in one channel, opened by a case
 * card with buttons; agents' replies in the thread reach the customer. The engine owns every
 * state change; this adapter only draws what `AgentActions.view` says and reports what agents do.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver, HTTPReceiver, webApi, type AuthorizeResult, type Receiver } from '@slack/bolt';
import type { Application } from 'express';
import type { AgentActions, AgentDesk, DeskEvent, EscalationView } from '../../bot/desk.js';
import { ReturnbotError } from '../../bot/errors.js';
import type { Logger } from '../../bot/logger.js';
import { AgentDirectory } from './agents.js';
import { boltLogger } from './bolt-logger.js';
import { caseCard, timeLeft } from './card.js';
import { deskText, type DeskLang } from './desk-text.js';
import { registerListeners } from './listeners.js';
import { clip, escapeMrkdwn, slackDate } from './mrkdwn.js';

/** Where Slack sends events and interactions; the manifest names the same paths. */
export const SLACK_PATHS = { events: '/slack/events', actions: '/slack/actions' } as const;

export interface SlackDeskOptions {
  /** xoxb-… from "OAuth & Permissions". */
  botToken: string;
  /** From "Basic Information → App Credentials": every request is verified with it. */
  signingSecret: string;
  /** The channel (C… or G…) where each escalation gets its thread; the bot must be a member. */
  channelId: string;
  /** Slack user id → the name the customer sees ("客服小王"); others show their Slack display name. */
  agents?: Record<string, string>;
  /**
   * The bot's express app: /slack/events and /slack/actions are mounted on it (one port, the
   * preferred set-up). Without it the desk listens on its own `port`.
   */
  app?: Application;
  /** Only without `app`: the port of the desk's own HTTP listener (0 picks a free one). */
  port?: number;
  host?: string;
  /** Slack's Web API base, e.g. a local stand-in in tests; default https://slack.com/api/. */
  apiUrl?: string;
  /** The bot's ids (auth.test's bot_id and user_id); read once at start when absent. */
  botId?: string;
  botUserId?: string;
  /**
   * Retries of one Web API call (429 waits Retry-After, 5xx backs off). Bounded: past it the call
   * throws and the engine's desk outbox tries the event again later.
   */
  retryConfig?: webApi.RetryOptions;
  /** The language of the desk's own labels; the rules' reasons follow it. Default 'en'. */
  lang?: DeskLang;
  /** The rules' return window in days, quoted in the plain-words reasons. */
  windowDays?: number;
  clock?: () => Date;
  logger: Logger;
}

/** Two quick tries, then the engine's outbox takes over: worst case a few seconds per call. */
const DEFAULT_RETRIES: webApi.RetryOptions = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 3000 };
/** How long to wait before asking auth.test again after it failed. */
const IDENTITY_RETRY_MS = 30_000;

export class SlackDesk implements AgentDesk {
  readonly name = 'slack';
  private readonly bolt: App;
  private readonly client: webApi.WebClient;
  /** A client that never retries, for the bot's identity asked during an event. */
  private readonly probe: webApi.WebClient;
  private readonly agents: AgentDirectory;
  private readonly progress = new Progress();
  private readonly lang: DeskLang;
  private readonly clock: () => Date;
  private readonly logger: Logger;
  private actions: AgentActions | undefined;
  private identity: { botId: string; botUserId: string } | undefined;
  private identityTriedAt = Number.NEGATIVE_INFINITY;
  private server: Server | undefined;

  constructor(private readonly options: SlackDeskOptions) {
    for (const field of ['botToken', 'signingSecret', 'channelId'] as const) {
      if (!options[field]) throw new ReturnbotError('config_invalid', `SlackDesk: ${field} is required`);
    }
    if (!options.app && options.port === undefined) {
      throw new ReturnbotError('config_invalid', 'SlackDesk: give the express `app` to mount on, or a `port` to listen on');
    }
    this.lang = options.lang ?? 'en';
    this.clock = options.clock ?? (() => new Date());
    this.logger = options.logger.child({ desk: 'slack' });
    if (options.botId && options.botUserId) this.identity = { botId: options.botId, botUserId: options.botUserId };

    const logger = boltLogger(this.logger);
    const clientOptions: webApi.WebClientOptions = {
      ...(options.apiUrl && { slackApiUrl: options.apiUrl }),
      retryConfig: options.retryConfig ?? DEFAULT_RETRIES,
      timeout: 15_000,
      logger,
    };
    this.client = new webApi.WebClient(options.botToken, clientOptions);
    this.probe = new webApi.WebClient(options.botToken, { ...clientOptions, retryConfig: { retries: 0 }, timeout: 2000 });
    this.agents = new AgentDirectory(this.client, options.agents, this.clock);

    const receiver: Receiver = options.app
      ? new ExpressReceiver({ signingSecret: options.signingSecret, app: options.app, endpoints: { ...SLACK_PATHS }, logger })
      : new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: Object.values(SLACK_PATHS), logger });
    this.bolt = new App({
      receiver,
      // Our own authorize: the bot token we were given, and ids asked once, not on every event.
      authorize: () => this.authorization(),
      clientOptions,
      logger,
      convoStore: false,
    });
    registerListeners(this.bolt, {
      actions: () => this.actions,
      agents: this.agents,
      client: this.client,
      channelId: options.channelId,
      lang: this.lang,
      logger: this.logger,
    });
  }

  /** The desk's Web API client (token, retries, API address), for the bot's other posts to Slack such as operations alerts. */
  get webClient(): webApi.WebClient {
    return this.client;
  }

  /** Where the desk's own listener answers (only without `app`), once started. */
  get address(): AddressInfo | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address : undefined;
  }

  async start(actions: AgentActions): Promise<void> {
    this.actions = actions;
    if (!this.options.app) {
      this.server = await this.bolt.start({ port: this.options.port ?? 0, host: this.options.host ?? '0.0.0.0' });
    }
    // Best effort: Slack may be down now; events then ask again later.
    const identity = await this.botIdentity();
    this.logger.info({ channel: this.options.channelId, botUserId: identity.botUserId, mounted: Boolean(this.options.app) }, 'slack desk started');
  }

  /** Stops handling agents' actions; with `app`, the routes stay mounted and answer with an ack only. */
  async stop(): Promise<void> {
    this.actions = undefined;
    if (this.server) {
      this.server = undefined;
      await this.bolt.stop();
    }
  }

  /**
   * Shows one desk event. Safe to call again for the same event (the engine's outbox retries it
   * after a throw): the card is updated instead of posted again once the escalation has its
   * deskRef, and the steps already done for this event in this process are not repeated.
   */
  async publish(event: DeskEvent): Promise<void> {
    const actions = this.actions;
    if (!actions) throw new ReturnbotError('channel_unavailable', `SlackDesk.publish(${event.kind}): the desk is not started`);
    const view = await actions.view(event.escalationId);
    if (!view) {
      this.logger.warn({ escalationId: event.escalationId, kind: event.kind }, 'slack desk event for an unknown escalation dropped');
      return;
    }
    const key = JSON.stringify(event);
    try {
      switch (event.kind) {
        case 'opened': {
          const ref = await this.progress.step(key, 'card', () => this.showCard(view, actions));
          await this.uploadPhotos(key, ref, view.photos.map(p => p.id), actions);
          break;
        }
        case 'customer_said': {
          const ref = this.threadOf(view, event.kind);
          const name = escapeMrkdwn(clip(view.customer?.name ?? deskText(this.lang, 'label.customer'), 60, true));
          const text = event.text.trim()
            ? deskText(this.lang, 'thread.customer', { name, text: escapeMrkdwn(clip(event.text, 3500)) })
            : event.photoIds.length
              ? deskText(this.lang, 'thread.customer_photos', { name, count: event.photoIds.length })
              : undefined;
          if (text) await this.progress.step(key, 'text', () => this.say(ref, text));
          await this.uploadPhotos(key, ref, event.photoIds, actions);
          break;
        }
        case 'changed': {
          const ref = this.threadOf(view, event.kind);
          await this.progress.step(key, 'card', () => this.showCard(view, actions));
          if (event.note.trim()) await this.progress.step(key, 'note', () => this.say(ref, `:information_source: ${escapeMrkdwn(clip(event.note, 3500))}`));
          break;
        }
        case 'sla': {
          const ref = this.threadOf(view, event.kind);
          await this.progress.step(key, 'card', () => this.showCard(view, actions));
          await this.progress.step(key, 'notice', () => this.say(ref, this.slaNotice(view, event)));
          break;
        }
      }
    } catch (error) {
      if (!isSlackError(error)) throw error;
      throw new ReturnbotError('channel_unavailable', `SlackDesk.publish(${event.kind}): ${describeSlackError(error)}`, { cause: error });
    }
    this.progress.finish(key);
  }

  /** Posts the card, or redraws it where it already is; returns where it is. */
  private async showCard(view: EscalationView, actions: AgentActions): Promise<{ channel: string; ts: string }> {
    const card = caseCard(view, { lang: this.lang, now: this.clock(), ...(this.options.windowDays !== undefined && { windowDays: this.options.windowDays }) });
    const ref = view.escalation.deskRef;
    if (ref) {
      try {
        await this.client.chat.update({ channel: ref.channel, ts: ref.ts, text: card.text, blocks: card.blocks });
      } catch (error) {
        // Someone deleted the card: nothing to redraw, and retrying would never succeed.
        if (slackErrorCode(error) !== 'message_not_found' && slackErrorCode(error) !== 'cant_update_message') throw error;
        this.logger.warn({ escalationId: view.escalation.id, ref }, 'slack case card is gone; not redrawn');
      }
      return ref;
    }
    const posted = await this.client.chat.postMessage({ channel: this.options.channelId, text: card.text, blocks: card.blocks, unfurl_links: false, unfurl_media: false });
    const placed = { channel: posted.channel ?? this.options.channelId, ts: posted.ts ?? '' };
    await actions.attachDeskRef(view.escalation.id, placed);
    return placed;
  }

  private async say(ref: { channel: string; ts: string }, text: string): Promise<void> {
    await this.client.chat.postMessage({ channel: ref.channel, thread_ts: ref.ts, text, unfurl_links: false, unfurl_media: false });
  }

  private async uploadPhotos(key: string, ref: { channel: string; ts: string }, photoIds: string[], actions: AgentActions): Promise<void> {
    for (const [i, photoId] of photoIds.entries()) {
      await this.progress.step(key, `photo:${photoId}`, async () => {
        const photo = await actions.photo(photoId);
        if (!photo) {
          await this.say(ref, deskText(this.lang, 'thread.photo_missing', { id: photoId.slice(0, 12) }));
          return;
        }
        await this.client.files.uploadV2({
          channel_id: ref.channel,
          thread_ts: ref.ts,
          file: photo.data,
          filename: `photo-${photoId.slice(0, 12)}.${extension(photo.mime)}`,
          title: deskText(this.lang, 'thread.photo', { n: i + 1, total: photoIds.length }),
        });
      });
    }
  }

  /** The case's thread; an event before the card is posted waits (throws, so it is retried). */
  private threadOf(view: EscalationView, kind: DeskEvent['kind']): { channel: string; ts: string } {
    const ref = view.escalation.deskRef;
    if (!ref) throw new ReturnbotError('channel_unavailable', `SlackDesk.publish(${kind}): the case card of ${view.escalation.id} is not posted yet`);
    return ref;
  }

  private slaNotice(view: EscalationView, event: Extract<DeskEvent, { kind: 'sla' }>): string {
    const { escalation } = view;
    const due = event.deadline === 'first_response' ? escalation.firstResponseDue : escalation.reviewDue;
    const which = event.deadline === 'first_response' ? 'first' : 'review';
    const vars = { when: slackDate(due), left: timeLeft(due, this.clock(), this.lang) };
    const text = deskText(this.lang, event.state === 'breached' ? `thread.${which}_breached` : `thread.${which}_due_soon`, vars);
    return escalation.status === 'claimed' && escalation.agent ? `<@${escalation.agent.id}> ${text}` : text;
  }

  private async authorization(): Promise<AuthorizeResult> {
    return { botToken: this.options.botToken, ...(await this.botIdentity()) };
  }

  /** The bot's ids, so Bolt can skip the bot's own messages; asked once, again only after a failure. */
  private async botIdentity(): Promise<{ botId?: string; botUserId?: string }> {
    if (this.identity) return this.identity;
    const now = Date.now();
    if (now - this.identityTriedAt < IDENTITY_RETRY_MS) return {};
    this.identityTriedAt = now;
    try {
      const me = await this.probe.auth.test();
      if (me.bot_id && me.user_id) this.identity = { botId: me.bot_id, botUserId: me.user_id };
    } catch (error) {
      this.logger.warn({ err: describeSlackError(error) }, 'slack auth.test failed; asked again later');
    }
    return this.identity ?? {};
  }
}

/**
 * Which steps of an event are already done in this process, so that a retried event does not
 * post the same thread message or photo twice. Forgotten once the event is fully shown.
 */
class Progress {
  private static readonly MAX_EVENTS = 500;
  private readonly done = new Map<string, Map<string, unknown>>();

  async step<T>(key: string, name: string, run: () => Promise<T>): Promise<T> {
    let steps = this.done.get(key);
    if (steps?.has(name)) return steps.get(name) as T;
    const value = await run();
    if (!steps) {
      steps = new Map();
      this.done.set(key, steps);
      if (this.done.size > Progress.MAX_EVENTS) this.done.delete(this.done.keys().next().value as string);
    }
    steps.set(name, value);
    return value;
  }

  finish(key: string): void {
    this.done.delete(key);
  }
}

function extension(mime: string): string {
  const known: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'image/heic': 'heic' };
  return known[mime] ?? 'bin';
}

/** Errors of @slack/web-api carry a `code` like 'slack_webapi_platform_error'. */
function isSlackError(error: unknown): error is Error & { code: string } {
  const code: unknown = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('slack_');
}

function slackErrorCode(error: unknown): string | undefined {
  return (error as { data?: { error?: string } } | undefined)?.data?.error;
}

function describeSlackError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { statusCode?: number }).statusCode;
  const code = slackErrorCode(error);
  return [error.message, status && `HTTP ${status}`, code].filter(Boolean).join(' · ');
}
