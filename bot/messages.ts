/**
 * Channel-agnostic message types. Adapters translate their SDK's events into `Inbound` and render
 * `Outbound` their own way; nothing channel-specific crosses into the engine.
 */

/** The languages the bot answers in; the customer's own writing decides which. */
export type Lang = 'zh-Hans' | 'zh-Hant' | 'en';

/** What a customer attached to a message. Bytes are fetched by the adapter before the turn. */
export interface InboundAttachment {
  /** What the channel says it is; the engine checks images by content, never by this. */
  kind: 'image' | 'file' | 'voice' | 'sticker';
  /** File name as given by the customer or the channel (may be empty or hostile). */
  name: string;
  /** MIME type the channel declared, if any (untrusted). */
  declaredType?: string;
  /** The bytes, when the channel could fetch them (absent for stickers and voice). */
  data?: Buffer;
}

/** One message from a customer, as any channel delivers it. */
export interface Inbound {
  /** The adapter's name, e.g. 'web', 'wechat', 'console'. */
  channel: string;
  /** The customer's id within that channel (stable across their visits). */
  userId: string;
  /** The channel's id for this message: `(channel, messageId)` is the idempotency key. */
  messageId: string;
  text: string;
  attachments: InboundAttachment[];
  /**
   * Set when the channel reports something the customer did rather than wrote: `contact_added`
   * when they just made the bot one of their contacts (a WeChat friend request went through);
   * `text` is then what they wrote with the request, if anything.
   */
  event?: InboundEvent;
}

/** What a channel may report besides messages; the dialog decides what the bot says to it. */
export type InboundEvent = 'contact_added';

/** A button a channel may render; channels without buttons render numbered options instead. */
export interface QuickReply {
  label: string;
  /** What the bot receives back when the customer picks it. */
  value: string;
}

/** A block of labelled facts (a case summary, a decision); channels without cards render text. */
export interface Card {
  title: string;
  fields: { label: string; value: string }[];
}

/** One message from the bot. */
export interface Outbound {
  text: string;
  quickReplies?: QuickReply[];
  card?: Card;
}

/** An outbound message already stored in the outbox: the adapter marks it delivered by id. */
export interface Delivery {
  outboxId: number;
  message: Outbound;
}
