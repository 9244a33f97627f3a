import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { BoundedMap } from '../../shared/bounded-map.js';
import { MAX_CONVERSATIONS } from '../limits.js';

/** One of the bot's doors: an adapter, the app id it speaks as ('' when auth is off). */
export interface BotRoute {
  adapter: CloudAdapter;
  appId: string;
  /** The engine's user id for an activity that came through this door. */
  userIdOf(activity: Activity): string;
}

/** Where and how to reach one user proactively. */
export interface Reachable {
  reference: Partial<ConversationReference>;
  route: BotRoute;
}

/**
 * The conversation reference of each user who wrote, for proactive messages. Memory only; users
 * of the embedded Direct Line are reachable without it (`rebuild`), Azure users once they write.
 */
export class References {
  private readonly byUser = new BoundedMap<string, Reachable>(MAX_CONVERSATIONS);

  constructor(private readonly rebuild: (userId: string) => Reachable | undefined) {}

  remember(userId: string, activity: Activity, route: BotRoute): void {
    // Users of the embedded Direct Line need no entry: `rebuild` finds them (about 1 KB each).
    if (this.rebuild(userId)) return;
    this.byUser.set(userId, { reference: TurnContext.getConversationReference(activity), route });
  }

  find(userId: string): Reachable | undefined {
    return this.byUser.get(userId) ?? this.rebuild(userId);
  }
}
