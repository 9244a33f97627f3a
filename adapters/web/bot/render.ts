import { ActionTypes, ActivityTypes, CardFactory, type Activity, type CardAction } from 'botbuilder';
import type { Card, Outbound, QuickReply } from '../../../bot/messages.js';

/**
 * An `Outbound` as a Bot Framework activity: text as plain text (our templates are not markdown),
 * quick replies as suggested actions for the user as the channel knows them, a card as an
 * Adaptive Card FactSet, which Web Chat, Teams and Azure's other channels all render.
 */
export function toActivity(outbound: Outbound, channelUserId: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text: outbound.text,
    textFormat: 'plain',
    ...(outbound.quickReplies?.length
      ? { suggestedActions: { to: [channelUserId], actions: outbound.quickReplies.map(toAction) } }
      : {}),
    ...(outbound.card ? { attachments: [toAdaptiveCard(outbound.card)] } : {}),
  };
}

/**
 * imBack posts its value as the customer's own words. When the value is not what the button says
 * (a code, an id), messageBack sends the value but shows the label in the transcript.
 */
function toAction(reply: QuickReply): CardAction {
  return reply.value === reply.label
    ? { type: ActionTypes.ImBack, title: reply.label, value: reply.value }
    : { type: ActionTypes.MessageBack, title: reply.label, text: reply.value, displayText: reply.label, value: undefined };
}

function toAdaptiveCard(card: Card) {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    body: [
      { type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts: card.fields.map(field => ({ title: field.label, value: field.value })) },
    ],
  });
}
