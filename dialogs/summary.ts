import type { Card } from '../bot/messages.js';
import type { Order } from '../bot/records.js';
import type { Replies } from './context.js';
import { selectedLine } from './slots.js';
import type { Claim } from './state.js';

/** The collected facts as a card the customer confirms before the rules are applied. */
function claimCard(claim: Claim, order: Order, replies: Replies): Card {
  const line = selectedLine({ claim, order })!;
  const fields: Card['fields'] = [
    { label: replies.text('field.order'), value: order.id },
    { label: replies.text('field.item'), value: replies.productName(line) },
    { label: replies.text('field.quantity'), value: String(claim.quantity) },
    { label: replies.text('field.problem'), value: replies.text(`problem.${claim.problem!}`) },
  ];
  if (claim.description) fields.push({ label: replies.text('field.description'), value: claim.description });
  if (claim.condition !== undefined) fields.push({ label: replies.text('field.condition'), value: replies.text(claim.condition ? 'quick.yes' : 'quick.no') });
  if (claim.photoIds.length > 0) fields.push({ label: replies.text('field.photos'), value: String(claim.photoIds.length) });
  return { title: replies.text('card.title'), fields };
}
/** Shows the collected facts and asks the customer to confirm or correct them. */
export function summarize(claim: Claim, order: Order, replies: Replies): void {
  replies.say('ask.confirm', {}, { card: claimCard(claim, order, replies), quickReplies: replies.choices(['quick.confirm', 'quick.change']) });
}
