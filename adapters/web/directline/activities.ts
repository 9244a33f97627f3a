import type { Activity, Attachment, ChannelAccount } from 'botbuilder';
import { HttpError } from '../http.js';
import { MAX_TEXT_CHARS } from '../limits.js';
import type { Conversation } from './conversations.js';
import type { UploadedFile } from './uploads.js';

/** Our Direct Line's channel id, as Azure's is 'directline'. */
export const CHANNEL_ID = 'directline';

/** The bot as the emulator introduces it; never taken from a request. */
export const BOT: ChannelAccount = { id: 'returnbot', name: 'returnbot', role: 'bot' };

/** A file the customer uploaded, where the bot can fetch it, and its thumbnail for the page. */
export interface StoredUpload {
  file: UploadedFile;
  contentUrl: string;
  thumbnailUrl?: string;
}

type ActivityWithId = Partial<Activity> & { id: string };

/** Shared by every activity without files (frozen, like the accounts: see Conversation.account). */
const NO_ATTACHMENTS: Attachment[] = Object.freeze([]) as unknown as Attachment[];

/**
 * A customer's message in its two forms: what the page gets back (the echo Web Chat waits for,
 * with thumbnails) and what the bot gets (with our serviceUrl). Only fields we understand are
 * copied: a client cannot set the sender, attach URLs of its choosing or smuggle channel data.
 */
export function fromCustomer(
  body: Record<string, unknown>,
  conversation: Conversation,
  uploads: StoredUpload[],
  serviceUrl: string,
): { forPage: ActivityWithId; forBot: ActivityWithId } {
  const text = body.text ?? '';
  if (typeof text !== 'string') throw new HttpError(400, 'text must be a string');
  if (text.length > MAX_TEXT_CHARS) throw new HttpError(400, `text longer than ${MAX_TEXT_CHARS} characters`);
  if (!text.trim() && uploads.length === 0) throw new HttpError(400, 'empty message');

  const clientActivityId = clientActivityIdOf(body);
  const id = clientActivityId ? `${conversation.id}|c-${clientActivityId}` : conversation.newActivityId();
  const forPage: ActivityWithId = {
    ...fromStoredCustomer(text, id, conversation, new Date()),
    locale: localeOf(body.locale),
    attachments: uploads.length === 0 ? NO_ATTACHMENTS : uploads.map(upload => ({
      contentType: upload.file.contentType,
      contentUrl: upload.contentUrl,
      name: upload.file.name,
      thumbnailUrl: upload.thumbnailUrl,
    })),
    ...channelDataOf(clientActivityId, displayTextOf(body)),
  };
  const forBot: ActivityWithId = {
    ...forPage,
    serviceUrl,
    attachments: forPage.attachments?.map(({ thumbnailUrl: _thumbnail, ...attachment }) => attachment),
  };
  return { forPage, forBot };
}

/**
 * What the page may see of a bot's activity. The connector is ours and keyed, but the copy still
 * drops what the page has no use for (the serviceUrl above all, which contains the key).
 */
export function fromBot(body: Record<string, unknown>, id: string, conversation: Conversation): ActivityWithId {
  const pick = <K extends keyof Activity>(key: K): Activity[K] | undefined => body[key] as Activity[K] | undefined;
  return {
    type: 'message',
    id,
    timestamp: new Date(),
    channelId: CHANNEL_ID,
    conversation: conversation.account,
    from: BOT,
    recipient: conversation.user,
    text: pick('text'),
    textFormat: pick('textFormat'),
    locale: pick('locale'),
    inputHint: pick('inputHint'),
    attachments: pick('attachments') as Attachment[] | undefined,
    attachmentLayout: pick('attachmentLayout'),
    suggestedActions: pick('suggestedActions'),
    replyToId: pick('replyToId'),
  };
}

/**
 * A customer's message as the page shows it, from its text: a stored one replayed after a restart
 * is only this (files are not kept); a live one adds its locale, uploads and channel data.
 */
export function fromStoredCustomer(text: string, id: string, conversation: Conversation, at: Date): ActivityWithId {
  return {
    type: 'message',
    id,
    timestamp: at,
    channelId: CHANNEL_ID,
    conversation: conversation.account,
    from: conversation.user,
    recipient: BOT,
    text,
    textFormat: 'plain',
    attachments: NO_ATTACHMENTS,
  };
}

/**
 * Web Chat tags each outgoing activity with a random clientActivityID and waits for the echo that
 * carries it. It also makes our activity id: a client posting the same activity twice gets the
 * same id, and the engine's idempotency key does the rest.
 */
function clientActivityIdOf(body: Record<string, unknown>): string | undefined {
  const id = (body.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
  return typeof id === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(id) ? id : undefined;
}

/** What a suggested action's button said, shown instead of its value (see bot/render.ts). */
function displayTextOf(body: Record<string, unknown>): string | undefined {
  const channelData = body.channelData as { messageBack?: { displayText?: unknown } } | undefined;
  const displayText = channelData?.messageBack?.displayText;
  return typeof displayText === 'string' && displayText.length <= MAX_TEXT_CHARS ? displayText : undefined;
}

/** None when there is nothing to say: an empty object in every kept activity still costs memory. */
function channelDataOf(clientActivityId: string | undefined, displayText: string | undefined): { channelData?: Record<string, unknown> } {
  if (!clientActivityId && displayText === undefined) return {};
  return {
    channelData: {
      ...(clientActivityId ? { clientActivityID: clientActivityId } : {}),
      ...(displayText !== undefined ? { messageBack: { displayText } } : {}),
    },
  };
}

function localeOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}$/.test(value) ? value : undefined;
}

/** Thumbnails Web Chat made in the browser; only image data URLs, so the page shows no remote URL. */
export function thumbnailOf(activity: Record<string, unknown>, fileName: string): string | undefined {
  const attachments = Array.isArray(activity.attachments) ? (activity.attachments as unknown[]) : [];
  for (const attachment of attachments) {
    const { name, thumbnailUrl } = (attachment ?? {}) as { name?: unknown; thumbnailUrl?: unknown };
    if (name === fileName && typeof thumbnailUrl === 'string' && thumbnailUrl.startsWith('data:image/')) return thumbnailUrl;
  }
  return undefined;
}
