import { HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import type { Product } from '../../../bot/records.js';
import { INTENTS } from '../../../bot/understanding.js';

/** The labels and conventions of shared/spec/intent-labels.md, told to the model. */
const INSTRUCTIONS = `You read one message a customer sent to the returns and exchanges service of an online shop.
The message may be Simplified or Traditional Chinese, English or mixed, colloquial, with typos.
Answer with one JSON object and nothing else:
{"intent": one of ${INTENTS.join(', ')},
 "damage": "broken" | "not_working" | null (only for damaged_or_defective),
 "items": [names of the shop's items the customer means, spelled as in the list below],
 "wish": "refund" | "exchange" | "reship" | null (what the customer asks for, only if they say it),
 "parcelDamaged": true | false | null (whether the outer box or parcel arrived damaged, only if they say it),
 "upset": true | false (anger or abuse)}
Intents: return_request = wants to send back or get money back, no problem named; exchange_request = wants another size, colour or a new one, no defect named; status_query = asks where a return, refund, pickup or case stands; policy_question = asks about the rules (days, conditions, fees); wrong_item = received something other than ordered; missing_item = something never arrived, is missing, empty box, marked delivered but not there; damaged_or_defective = broken, faulty, damaged in transit, leaking; quality_spoiled = food spoiled, mouldy, rotten, stale, expired; not_as_described = colour, size, look or spec differs from the listing; changed_mind = bought by mistake or no longer wants it; human_agent = wants a person; cancel_order = wants to cancel an order; other = greetings, thanks, anything else.
When two fit: the problem beats the action (broken + wants a refund is damaged_or_defective); an explicit cancellation stays cancel_order; asking about progress is status_query even when angry; a named problem beats asking for a person.
Never decide what the customer gets, and do not repeat order numbers, phone numbers or dates.`;

/** The messages sent for one customer message: the instructions, the shop's items, the text. */
export function promptFor(text: string, products: readonly Product[]): BaseMessage[] {
  const items = products.map(product => [...new Set(Object.values(product.names))].join(' / ')).join('; ');
  return [new SystemMessage(`${INSTRUCTIONS}\nThe shop's items: ${items}.`), new HumanMessage(text)];
}
