import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { BoundedMap } from '../bounded-map.js';
import { MAX_CONVERSATIONS, MAX_TRANSCRIPT } from '../limits.js';

/** What Direct Line sends a client: some activities and the watermark to ask for the next ones. */
export interface ActivitySet {
  activities: Partial<Activity>[];
  watermark: string;
}

/**
 * One conversation as the browser sees it: the recent transcript, so that a reloaded page or a
 * reconnecting socket gets what it missed. Memory only: the engine keeps the real history.
 */
export class Conversation {
  /**
   * Watermarks name the incarnation they count in: after a restart or an eviction the count starts
   * again, and an old watermark must mean "from the start", not "skip the first N".
   */
  private readonly incarnation = randomBytes(4).toString('hex');
  private seq = 0;
  private readonly transcript: { seq: number; activity: Partial<Activity> }[] = [];

  constructor(
    readonly id: string,
    readonly userId: string,
  ) {}

  get watermark(): string {
    return `${this.incarnation}.${this.seq}`;
  }

  /** A fresh activity id, unique across restarts because of the incarnation. */
  newActivityId(): string {
    return `${this.id}|${this.incarnation}.${this.seq + 1}`;
  }

  has(activityId: string): boolean {
    return this.transcript.some(entry => entry.activity.id === activityId);
  }

  /** Stores an activity that already has its id; returns what to push to open sockets. */
  append(activity: Partial<Activity> & { id: string }): ActivitySet {
    this.seq += 1;
    this.transcript.push({ seq: this.seq, activity });
    if (this.transcript.length > MAX_TRANSCRIPT) this.transcript.shift();
    return { activities: [activity], watermark: this.watermark };
  }

  since(watermark: string | undefined): ActivitySet {
    const [incarnation, count] = (watermark ?? '').split('.');
    const after = incarnation === this.incarnation ? Number(count) || 0 : 0;
    return {
      activities: this.transcript.filter(entry => entry.seq > after).map(entry => entry.activity),
      watermark: this.watermark,
    };
  }
}

/** The conversations in memory; any one can be rebuilt empty, so the oldest may be forgotten. */
export class Conversations {
  private readonly byId = new BoundedMap<string, Conversation>(MAX_CONVERSATIONS);

  open(conversationId: string, userId: string): Conversation {
    const existing = this.byId.get(conversationId);
    if (existing) return existing;
    const created = new Conversation(conversationId, userId);
    this.byId.set(conversationId, created);
    return created;
  }

  clear(): void {
    this.byId.clear();
  }
}
