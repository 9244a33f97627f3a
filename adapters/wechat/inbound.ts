import { types, type Message } from 'wechaty';
import type { Inbound, InboundAttachment, QuickReply } from '../../bot/messages.js';
import { resolveNumberedAnswer } from '../shared/numbered-options.js';
import { describeError, type WechatLogger } from './logger.js';
import { readCapped } from './read-capped.js';

/** The channel name in every `Inbound` and conversation id (`wechat:<contact id>`). */
export const WECHAT = 'wechat';

/** What returnbot makes of each WeChat message type. */
export type WechatKind = 'text' | 'image' | 'file' | 'voice' | 'sticker' | 'unreadable' | 'maybe-file' | 'ignore';

const KINDS: Partial<Record<types.Message, WechatKind>> = {
  [types.Message.Text]: 'text',
  [types.Message.Image]: 'image',
  [types.Message.Attachment]: 'file',
  [types.Message.Video]: 'file',
  [types.Message.Audio]: 'voice',
  [types.Message.Emoticon]: 'sticker',
  // Things a customer shares that the bot cannot read: answered like a sticker ("please type").
  [types.Message.Url]: 'unreadable',
  [types.Message.MiniProgram]: 'unreadable',
  [types.Message.Location]: 'unreadable',
  [types.Message.Contact]: 'unreadable',
  [types.Message.ChatHistory]: 'unreadable',
  [types.Message.Transfer]: 'unreadable',
  [types.Message.RedEnvelope]: 'unreadable',
  // Puppets say Unknown for what they do not parse; when it carries a file, it is a file.
  [types.Message.Unknown]: 'maybe-file',
  // Recalled, GroupNote, Post and anything newer: nobody's request.
};

export function kindOf(type: types.Message): WechatKind {
  return KINDS[type] ?? 'ignore';
}

export interface InboundOptions {
  /** Bytes read of a file at most (one more, so that the engine can say it is too large). */
  maxAttachmentBytes: number;
  fetchTimeoutMs: number;
  /** The options this contact was shown last: "2" picks the second. */
  lastOptions: readonly QuickReply[];
  logger: WechatLogger;
}

/**
 * A WeChat message as the engine's `Inbound`: the contact's id is the user, the message's id the
 * idempotency key. File bytes are fetched here (never more than the cap); the engine checks them
 * by content. Undefined for messages that ask nothing (recalls, system notes).
 */
export async function toInbound(message: Message, options: InboundOptions): Promise<Inbound | undefined> {
  const kind = kindOf(message.type());
  if (kind === 'ignore') return undefined;
  const base = { channel: WECHAT, userId: message.talker().id, messageId: message.id };
  switch (kind) {
    case 'text': {
      const text = message.room() ? await message.mentionText() : message.text();
      return { ...base, text: resolveNumberedAnswer(text, options.lastOptions), attachments: [] };
    }
    case 'image':
    case 'file':
      return { ...base, text: '', attachments: [await fileOf(message, kind, options)] };
    case 'maybe-file': {
      const attachment = await fileOf(message, 'file', options, true);
      return attachment.data ? { ...base, text: '', attachments: [attachment] } : undefined;
    }
    case 'voice':
      return { ...base, text: '', attachments: [{ kind: 'voice', name: '' }] };
    case 'sticker':
    case 'unreadable':
      return { ...base, text: '', attachments: [{ kind: 'sticker', name: '' }] };
  }
}

async function fileOf(message: Message, kind: 'image' | 'file', options: InboundOptions, quiet = false): Promise<InboundAttachment> {
  try {
    const box = await message.toFileBox();
    const data = await readCapped(box, options.maxAttachmentBytes, options.fetchTimeoutMs);
    const declaredType = box.mediaType && box.mediaType !== 'application/unknown' ? box.mediaType : undefined;
    return { kind, name: box.name, ...(declaredType ? { declaredType } : {}), data };
  } catch (error) {
    // Without bytes the engine answers that the file could not be used, and asks again.
    if (!quiet) options.logger.warn({ where: 'wechat.inbound', messageId: message.id, ...describeError(error) }, 'WeChat file not fetched');
    return { kind, name: '' };
  }
}
