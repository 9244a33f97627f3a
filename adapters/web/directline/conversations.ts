import { randomBytes } from 'node:crypto';
import type { Activity, ChannelAccount, ConversationAccount } from 'botbuilder';
import { BoundedMap } from '../../shared/bounded-map.js';
import { MAX_CONVERSATIONS, MAX_TRANSCRIPT } from '../limits.js';

/** What Direct Line sends a client: some activities and the watermark to ask for the next ones. */
export interface ActivitySet {
  activities: Partial<Activity>[];
  watermark: string;
}

/** A stored message made into an activity for the page, once its id is known. */
export type HistoryEntry = { from: 'user' | 'bot'; text: string; make(id: string): Partial<Activity> & { id: string } };

/**
 * One conversation as the browser sees it: the recent transcript, so that a reloaded page or a
 * reconnecting socket gets what it missed. Kept in memory; after a restart (or an eviction) it is
 * seeded from the engine's stored history the first time a page opens it (see `restore`).
 */
export class Conversation {
  /**
   * Watermarks name the incarnation they count in: after a restart or an eviction the count starts
   * again, and an old watermark must mean "from the start", not "skip the first N".
   */
  private readonly incarnation = randomBytes(4).toString('hex');
  private seq = 0;
  /** The latest activities, oldest first; consecutive, so the last one's seq is `seq`. */
  private transcript: Partial<Activity>[] = [];
  private sharedAccount: ConversationAccount | undefined;
  private sharedUser: ChannelAccount | undefined;
  /** The seq of the last seeded entry: what a page from before the restart already shows. */
  private historyEnd = 0;
  private restoring: Promise<void> | undefined;

  constructor(
    readonly id: string,
    readonly userId: string,
  ) {}

  /**
   * The conversation and the customer as every activity of it names them: one object each, not
   * one per activity (an idle conversation is mostly its transcript). Frozen: activities are only
   * ever serialized, and a change would show in all of them.
   */
  get account(): ConversationAccount {
    return (this.sharedAccount ??= Object.freeze({ id: this.id, isGroup: false, conversationType: 'personal', name: '' }));
  }

  get user(): ChannelAccount {
    return (this.sharedUser ??= Object.freeze({ id: this.userId, name: '', role: 'user' }));
  }

  get watermark(): string {
    return `${this.incarnation}.${this.seq}`;
  }

  /** A fresh activity id, unique across restarts because of the incarnation. */
  newActivityId(): string {
    return `${this.id}|${this.incarnation}.${this.seq + 1}`;
  }

  has(activityId: string): boolean {
    return this.transcript.some(activity => activity.id === activityId);
  }

  /** Stores an activity that already has its id; returns what to push to open sockets. */
  append(activity: Partial<Activity> & { id: string }): ActivitySet {
    this.seq += 1;
    // concat makes an array of the exact length; a push (or a spread) reserves 17 slots or more,
    // and most conversations stay a few messages long (about 120 bytes of each idle one).
    const kept = this.transcript.length >= MAX_TRANSCRIPT ? this.transcript.slice(1) : this.transcript;
    this.transcript = kept.concat([activity]);
    return { activities: [activity], watermark: this.watermark };
  }

  /**
   * Seeds the transcript once with the stored history (oldest first), before any page sees it.
   * Only the bot's proactive messages can be here already, and the engine stores those before it
   * sends them: one the history holds too is kept once, in the history's place.
   */
  restore(load: () => Promise<HistoryEntry[]>): Promise<void> {
    this.restoring ??= load().then(history => {
      const live = this.transcript;
      this.transcript = [];
      // Newest first: a live message can only be the history's latest copy of its text.
      for (const entry of [...history].reverse()) {
        const twin = entry.from === 'bot' ? live.findIndex(activity => activity.from?.role === 'bot' && activity.text === entry.text) : -1;
        if (twin >= 0) live.splice(twin, 1);
      }
      for (const entry of history) this.append(entry.make(this.newActivityId()));
      this.historyEnd = this.seq;
      for (const activity of live) this.append(activity as Partial<Activity> & { id: string });
    });
    return this.restoring;
  }

  /**
   * A watermark of this incarnation counts; none means from the start; one from before a restart
   * comes from a page that stayed open and already shows the history, so it gets what follows.
   */
  since(watermark: string | undefined): ActivitySet {
    const [incarnation, count] = (watermark ?? '').split('.');
    const after = incarnation === this.incarnation ? Number(count) || 0 : watermark ? this.historyEnd : 0;
    const firstSeq = this.seq - this.transcript.length + 1;
    return {
      activities: this.transcript.slice(Math.max(0, after - firstSeq + 1)),
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
