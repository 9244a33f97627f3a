import type { Outbound, QuickReply } from '../../bot/messages.js';

/**
 * For channels without buttons (WeChat, a terminal): a reply as plain text, its card as lines and
 * its quick replies as numbered options that the customer may answer with the number.
 */
export function renderAsText(reply: Outbound): string {
  const card = reply.card ? [`【${reply.card.title}】`, ...reply.card.fields.map(field => `${field.label}: ${field.value}`)] : [];
  const options = (reply.quickReplies ?? []).map((option, index) => `${index + 1}. ${option.label}`);
  return [reply.text, ...card, ...options].join('\n');
}

/** The option a bare number picks among the last quick replies, or the text unchanged. */
export function resolveNumberedAnswer(text: string, lastOptions: readonly QuickReply[]): string {
  const match = /^\s*(\d{1,2})\s*$/.exec(text);
  const picked = match ? lastOptions[Number(match[1]) - 1] : undefined;
  return picked ? picked.value : text;
}
