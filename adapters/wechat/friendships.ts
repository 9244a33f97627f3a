import { setTimeout as sleep } from 'node:timers/promises';
import { types, type Contact, type Friendship } from 'wechaty';
import { BoundedMap } from '../shared/bounded-map.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { WECHAT } from './inbound.js';
import { describeError, type WechatLogger } from './logger.js';

/** How many times a friend request is accepted before giving up, and the waits in between. */
export interface AcceptRetry extends BackoffOptions {
  attempts: number;
}

export interface FriendshipsOptions {
  /** Accept friend requests (WECHAT_ACCEPT_FRIENDS). Off: they wait for someone on the phone. */
  accept: boolean;
  retry: AcceptRetry;
  logger: WechatLogger;
  /** The friendship is established: the channel hands the new contact's first turn to the engine. */
  added(contact: Contact, friendshipId: string, hello: string): void;
  random?: () => number;
}

/** Request notes kept until their friendship is confirmed; past this the oldest is forgotten. */
const MAX_NOTES = 1000;

// Wechaty's throwUnsupportedError ("Unsupported API"), gRPC's UNIMPLEMENTED, puppets' own words.
const UNSUPPORTED = /unsupported|unimplemented|not (yet )?(supported|implemented)/i;

/**
 * Wechaty's 'friendship' events. A request (Receive) is accepted, retried with backoff when the
 * puppet fails; a puppet that cannot accept at all is said once, then requests are left to the
 * phone. A confirmed friendship (Confirm) goes to the channel, with the request's note: puppets
 * put the note on the request only.
 */
export class Friendships {
  private unsupported = false;
  private readonly notes = new BoundedMap<string, string>(MAX_NOTES);
  private readonly accepting = new Set<Promise<void>>();
  private abort = new AbortController();

  constructor(private readonly options: FriendshipsOptions) {}

  /** Wechaty's 'friendship' listener: takes the event at once; accepting runs after. */
  take(friendship: Friendship): void {
    if (friendship.type() === types.Friendship.Receive) this.received(friendship);
    else if (friendship.type() === types.Friendship.Confirm) this.confirmed(friendship);
  }

  /** Resolves when every request taken so far is accepted or given up. */
  async idle(): Promise<void> {
    while (this.accepting.size > 0) await Promise.allSettled([...this.accepting]);
  }

  /** Cuts the waits between tries short: a request not accepted yet is left to the phone. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.idle();
    this.abort = new AbortController();
  }

  private received(friendship: Friendship): void {
    const { accept, logger } = this.options;
    const fields = { channel: WECHAT, friendshipId: friendship.id, userId: friendship.contact().id };
    this.keepNote(fields.userId, friendship.hello());
    if (!accept || this.unsupported) {
      logger.debug(fields, 'WeChat friend request left to be accepted on the phone');
      return;
    }
    const work = this.accept(friendship, fields).finally(() => this.accepting.delete(work));
    this.accepting.add(work);
  }

  private confirmed(friendship: Friendship): void {
    const contact = friendship.contact();
    const hello = friendship.hello() || this.notes.get(contact.id) || '';
    this.notes.delete(contact.id);
    this.options.added(contact, friendship.id, hello);
  }

  private async accept(friendship: Friendship, fields: Record<string, string>): Promise<void> {
    const { retry, logger, random } = this.options;
    const signal = this.abort.signal;
    for (let attempt = 1; ; attempt++) {
      try {
        await friendship.accept();
        logger.info(fields, 'WeChat friend request accepted');
        return;
      } catch (error) {
        const described = describeError(error);
        if (UNSUPPORTED.test(described.error)) return this.cannotAccept(described);
        if (attempt >= retry.attempts) {
          logger.error({ ...fields, attempts: attempt, ...described }, 'WeChat friend request not accepted; accept it on the phone');
          return;
        }
        const retryInMs = backoffDelay(attempt - 1, retry, random);
        logger.warn({ ...fields, attempt, retryInMs, ...described }, 'WeChat friend request not accepted yet; trying again');
        const stopped = await sleep(retryInMs, false, { signal }).catch(() => true);
        if (stopped) return;
      }
    }
  }

  private cannotAccept(described: { error: string }): void {
    if (this.unsupported) return;
    this.unsupported = true;
    this.options.logger.warn({ channel: WECHAT, ...described }, 'WeChat: this puppet cannot accept friend requests; accept them on the phone');
  }

  private keepNote(contactId: string, hello: string): void {
    if (hello) this.notes.set(contactId, hello);
    else this.notes.delete(contactId);
  }
}
