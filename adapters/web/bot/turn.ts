import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { TurnHandler } from '../../../bot/channel.js';
import { toInbound, type FetchBytes } from './inbound.js';
import type { BotRoute, References } from './references.js';
import { toActivity } from './render.js';

export interface TurnDeps {
  handler: TurnHandler;
  references: References;
  fetchBytes: FetchBytes;
}

/**
 * The bot itself, for one door: a customer message becomes an `Inbound`, the engine answers, the
 * answers go out, and what went out is marked delivered. Other activity types mean nothing here.
 */
export function turnLogic(deps: TurnDeps, route: BotRoute): (context: TurnContext) => Promise<void> {
  return async context => {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message) return;
    const inbound = await toInbound(activity, route.userIdOf(activity), deps.fetchBytes);
    deps.references.remember(inbound.userId, activity, route);
    const deliveries = await deps.handler.handle(inbound);
    const sent: number[] = [];
    try {
      for (const delivery of deliveries) {
        await context.sendActivity(toActivity(delivery.message, activity.from.id));
        sent.push(delivery.outboxId);
      }
    } finally {
      // What went out is marked even when a later send fails; the rest stays in the outbox.
      if (sent.length > 0) await deps.handler.delivered(sent);
    }
  };
}
