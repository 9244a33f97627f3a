import type { Inbound } from './messages.js';

/** Longest text a turn reads: enough for any real complaint, bounded for hostile input. */
export const MAX_TEXT = 2000;
const MAX_ATTACHMENTS = 10;
const MAX_ID = 256;

export type GuardedInbound =
  | { ok: true; inbound: Inbound; truncated: boolean }
  | { ok: false; problem: string };

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;

/**
 * Adapters pass what their channel gave them; this is the one place that bounds it: ids must be
 * present, text is cut at MAX_TEXT (on a code point, never inside a surrogate pair), attachments
 * are capped.
 */
export function sanitizeInbound(inbound: Inbound): GuardedInbound {
  if (!isId(inbound.channel) || !isId(inbound.userId) || !isId(inbound.messageId)) return { ok: false, problem: 'missing or oversized id' };
  const text = typeof inbound.text === 'string' ? inbound.text : '';
  const codePoints = Array.from(text);
  const truncated = codePoints.length > MAX_TEXT;
  return {
    ok: true,
    truncated,
    inbound: {
      ...inbound,
      text: truncated ? codePoints.slice(0, MAX_TEXT).join('') : text,
      attachments: Array.isArray(inbound.attachments) ? inbound.attachments.slice(0, MAX_ATTACHMENTS) : [],
    },
  };
}
