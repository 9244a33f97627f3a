import { createHmac } from 'node:crypto';
import type { AddressInfo, Server } from 'node:net';
import { APP_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID } from './workspace.js';

/**
 * Requests into a Bolt receiver exactly as Slack sends them: signed with the app's signing secret,
 * events as JSON envelopes, interactions as a form with one `payload=` JSON field. Bolt verifies
 * the real signature, so these prove our signing secret wiring as well as our handlers.
 */

/** How a request is signed and which redelivery headers it carries. */
export interface SignOptions {
  /** X-Slack-Request-Timestamp in seconds; now unless given. */
  timestamp?: number;
  /** Six minutes old: Slack's replay protection says receivers refuse anything past five. */
  stale?: boolean;
  /** Signed with a different secret, as a forger would. */
  badSignature?: boolean;
  /** X-Slack-Retry-Num: Slack's count of redeliveries after no ack within 3 s. */
  retryNum?: number;
  /** X-Slack-Retry-Reason, e.g. 'http_timeout'. */
  retryReason?: string;
}

/** What the receiver answered; `body` is parsed when JSON, else text ('' when empty). */
export interface SlackResponse {
  status: number;
  body: unknown;
}

type Json = Record<string, unknown>;

/** Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<raw body>`, hex, prefixed 'v0='. */
export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** The URL of a started HTTPReceiver: `app.start()` resolves with its listening server. */
export function receiverUrl(server: Server, path = '/slack/events'): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
}

/** Posts a raw body signed as Slack would sign it; the other helpers build on this. */
export async function sendSigned(
  url: string,
  secret: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  rawBody: string,
  options: SignOptions = {},
): Promise<SlackResponse> {
  const now = Math.floor(Date.now() / 1000);
  const timestamp = options.timestamp ?? (options.stale ? now - 6 * 60 : now);
  const signingSecret = options.badSignature ? `${secret}-forged` : secret;
  const headers: Record<string, string> = {
    // Bolt compares the content type exactly: a '; charset=' suffix makes it parse forms as JSON.
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(signingSecret, timestamp, rawBody),
  };
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
  const res = await fetch(url, { method: 'POST', headers, body: rawBody });
  const text = await res.text();
  const isJson = res.headers.get('content-type')?.startsWith('application/json') && text !== '';
  return { status: res.status, body: isJson ? (JSON.parse(text) as unknown) : text };
}

export interface EventOptions extends SignOptions {
  /** Slack keeps the event_id across redeliveries; default a fresh one. */
  eventId?: string;
}

let eventSerial = 0;

/** Delivers `event` inside an Events API `event_callback` envelope. */
export function sendEvent(
  url: string,
  secret: string,
  event: Json,
  options: EventOptions = {},
): Promise<SlackResponse> {
  const envelope = {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${String(++eventSerial).padStart(9, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
  return sendSigned(url, secret, 'application/json', JSON.stringify(envelope), options);
}

export interface MessageEventInit {
  channel: string;
  user: string;
  text: string;
  /** Default a fresh ts. */
  ts?: string;
  threadTs?: string;
  channelType?: 'channel' | 'group' | 'im';
}

/** A `message` event as a person's message in a channel arrives. */
export function messageEvent(init: MessageEventInit): Json {
  const ts = init.ts ?? `${Math.floor(Date.now() / 1000)}.${String(++eventSerial).padStart(6, '0')}`;
  return {
    type: 'message',
    channel: init.channel,
    user: init.user,
    text: init.text,
    ts,
    event_ts: ts,
    team: TEAM_ID,
    channel_type: init.channelType ?? 'channel',
    ...(init.threadTs && { thread_ts: init.threadTs }),
  };
}

export interface BlockActionInit {
  user: string;
  channel: string;
  /** The message holding the clicked button. */
  messageTs: string;
  threadTs?: string;
  actionId: string;
  blockId?: string;
  value?: string;
  triggerId?: string;
  responseUrl?: string;
}

/** A button click on a message: a form-encoded `payload` of type `block_actions`. */
export function sendBlockAction(
  url: string,
  secret: string,
  action: BlockActionInit,
  options: SignOptions = {},
): Promise<SlackResponse> {
  const threadTs = action.threadTs && { thread_ts: action.threadTs };
  const payload = {
    type: 'block_actions',
    user: { id: action.user, username: action.user.toLowerCase(), name: action.user.toLowerCase(), team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: action.messageTs,
      channel_id: action.channel,
      is_ephemeral: false,
      ...threadTs,
    },
    trigger_id: action.triggerId ?? `${Date.now()}.${++eventSerial}.trigger`,
    team: { id: TEAM_ID, domain: TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: action.channel, name: action.channel.toLowerCase() },
    message: { type: 'message', user: BOT_USER_ID, ts: action.messageTs, text: '', ...threadTs },
    state: { values: {} },
    response_url: action.responseUrl ?? 'https://hooks.slack.com/actions/T0RETURNS/1/unused',
    actions: [
      {
        type: 'button',
        action_id: action.actionId,
        block_id: action.blockId ?? 'actions',
        text: { type: 'plain_text', text: action.actionId, emoji: true },
        ...(action.value !== undefined && { value: action.value }),
        action_ts: `${Math.floor(Date.now() / 1000)}.000000`,
      },
    ],
  };
  return sendForm(url, secret, payload, options);
}

export interface ViewSubmissionInit {
  user: string;
  callbackId: string;
  privateMetadata?: string;
  /** view.state.values: block_id → action_id → element state, e.g. { type: 'plain_text_input', value }. */
  values?: Record<string, Record<string, Json>>;
  viewId?: string;
}

/** A modal's Submit: a form-encoded `payload` of type `view_submission`. */
export function sendViewSubmission(
  url: string,
  secret: string,
  view: ViewSubmissionInit,
  options: SignOptions = {},
): Promise<SlackResponse> {
  const id = view.viewId ?? `V${String(++eventSerial).padStart(8, '0')}`;
  const payload = {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: TEAM_DOMAIN },
    user: { id: view.user, username: view.user.toLowerCase(), name: view.user.toLowerCase(), team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: `${Date.now()}.${++eventSerial}.trigger`,
    view: {
      id,
      team_id: TEAM_ID,
      type: 'modal',
      callback_id: view.callbackId,
      private_metadata: view.privateMetadata ?? '',
      state: { values: view.values ?? {} },
      hash: `${Math.floor(Date.now() / 1000)}.hash`,
      title: { type: 'plain_text', text: 'returnbot' },
      blocks: [],
      app_id: APP_ID,
      root_view_id: id,
      previous_view_id: null,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return sendForm(url, secret, payload, options);
}

function sendForm(url: string, secret: string, payload: Json, options: SignOptions): Promise<SlackResponse> {
  const rawBody = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return sendSigned(url, secret, 'application/x-www-form-urlencoded', rawBody, options);
}
