import { randomBytes } from 'node:crypto';
import { STREAM_TICKET_TTL_MS } from '../limits.js';
import type { Keys } from './keys.js';

const USER_ID = /^web-[A-Za-z0-9_-]{22}$/;
const CONVERSATION_ID = /^conv-([A-Za-z0-9_-]{22})$/;

/**
 * Who a browser is. A token is a random user id and its HMAC: unguessable, checkable without a
 * session table, valid after a restart. Each user has exactly one conversation, whose id is
 * derived from the user id, so that a conversation reference can be rebuilt from a user id alone.
 */
export class Sessions {
  constructor(private readonly keys: Keys) {}

  issue(): { userId: string; token: string } {
    const userId = `web-${randomBytes(16).toString('base64url')}`;
    return { userId, token: `${userId}.${this.keys.sign('session', userId)}` };
  }

  /** The user a token belongs to, or undefined when it is not one of ours. */
  userOf(token: string | undefined): string | undefined {
    const dot = token?.lastIndexOf('.') ?? -1;
    if (!token || dot < 0) return undefined;
    const userId = token.slice(0, dot);
    return USER_ID.test(userId) && this.keys.verify('session', userId, token.slice(dot + 1)) ? userId : undefined;
  }

  /** Whether a user id could have come from `issue` (its signature is not checked here). */
  isWebUser(userId: string): boolean {
    return USER_ID.test(userId);
  }

  conversationOf(userId: string): string {
    return `conv-${userId.slice('web-'.length)}`;
  }

  ownerOf(conversationId: string): string | undefined {
    const match = CONVERSATION_ID.exec(conversationId);
    return match ? `web-${match[1]}` : undefined;
  }

  /**
   * Browsers cannot put headers on a WebSocket, so its URL carries a credential; a short-lived
   * ticket for one conversation leaks less from access logs than the customer's token would.
   */
  streamTicket(conversationId: string, now = Date.now()): string {
    const expires = (now + STREAM_TICKET_TTL_MS).toString(36);
    return `${expires}.${this.keys.sign('stream', `${conversationId}|${expires}`)}`;
  }

  checkStreamTicket(conversationId: string, ticket: string, now = Date.now()): boolean {
    const [expires = '', signature = ''] = ticket.split('.');
    return parseInt(expires, 36) > now && this.keys.verify('stream', `${conversationId}|${expires}`, signature);
  }
}
