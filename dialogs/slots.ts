import type { Order, OrderLine } from '../bot/records.js';
import type { StatedProblem } from '../bot/understanding.js';
import { coveringCrisis } from '../policies/crisis.js';
import type { Crisis, Reason, Rules } from '../policies/types.js';
import type { Replies } from './context.js';
import type { TemplateKey } from './replies/index.js';
import type { Claim, SlotName } from './state.js';

export interface SlotContext {
  claim: Claim;
  /** Loaded only once the customer proved they own it. */
  order: Order | null;
  rules: Rules;
  /** The open crisis covering the chosen item: its preset needs no evidence, so none is asked. */
  crisis: Crisis | null;
}

/**
 * One slot of the request form, declared as data in the manner of Rasa's forms: when it applies,
 * when it is filled, and how it is asked. The next question is the first applicable empty slot.
 */
export interface Slot {
  name: SlotName;
  applies(context: SlotContext): boolean;
  filled(context: SlotContext): boolean;
  ask(context: SlotContext, replies: Replies): void;
}

export const PROBLEM_CHOICES: TemplateKey[] = ['problem.quality', 'problem.damaged', 'problem.wrong_item', 'problem.missing_item', 'problem.not_as_described', 'problem.changed_mind'];
const DESCRIBED_PROBLEMS: StatedProblem[] = ['quality', 'damaged', 'transit_damage', 'damage_unclear', 'not_as_described', 'wrong_item'];
const CONDITION_PROBLEMS: StatedProblem[] = ['changed_mind', 'not_as_described'];

export function selectedLine(context: Pick<SlotContext, 'claim' | 'order'>): OrderLine | undefined {
  return context.order?.lines.find(line => line.line === context.claim.line);
}

/** What the next question depends on; the covering crisis is known once the item is. */
export function slotContext(claim: Claim, order: Order | null, rules: Rules, crises: readonly Crisis[]): SlotContext {
  const line = selectedLine({ claim, order });
  return { claim, order, rules, crisis: (line && coveringCrisis(crises, line)) ?? null };
}

/** Photos are asked when the rules want them for the problem (an undecided damage counts as damage). */
function photosRequired(problem: StatedProblem | undefined, rules: Rules): boolean {
  if (!problem) return false;
  const reasons: Reason[] = problem === 'damaged' ? ['transit_damage', 'damage_unclear'] : [problem];
  return reasons.some(reason => rules.photos.requiredFor.includes(reason));
}

const yesNo = (replies: Replies) => ({ quickReplies: replies.choices(['quick.yes', 'quick.no']) });

const SLOTS: readonly Slot[] = [
  {
    name: 'problem',
    applies: () => true,
    filled: ({ claim }) => claim.problem !== undefined,
    ask: (_, replies) => replies.say('ask.reason', {}, { quickReplies: replies.choices(PROBLEM_CHOICES) }),
  },
  {
    name: 'order',
    applies: () => true,
    filled: ({ claim }) => claim.orderId !== undefined,
    ask: (_, replies) => replies.say('ask.order'),
  },
  {
    name: 'phone',
    applies: () => true,
    filled: ({ claim }) => claim.verified,
    ask: ({ claim }, replies) => replies.say('ask.phone', { orderId: claim.orderId ?? '' }),
  },
  {
    name: 'item',
    applies: ({ order }) => order !== null,
    filled: ({ claim }) => claim.line !== undefined,
    ask: ({ order }, replies) =>
      replies.say('ask.item', {}, { quickReplies: (order?.lines ?? []).map(line => replies.option(replies.productName(line))) }),
  },
  {
    name: 'quantity',
    applies: context => (selectedLine(context)?.quantity ?? 1) > 1,
    filled: ({ claim }) => typeof claim.quantity === 'number',
    ask: (context, replies) => {
      const line = selectedLine(context)!;
      const counts = Array.from({ length: Math.min(line.quantity, 5) }, (_, index) => replies.option(String(index + 1)));
      replies.say('ask.quantity', { item: replies.productName(line), max: line.quantity }, { quickReplies: [...counts, ...replies.choices(['quick.all'])] });
    },
  },
  {
    name: 'parcel',
    applies: ({ claim, crisis }) => !crisis && claim.problem === 'damaged',
    filled: ({ claim }) => claim.problem !== 'damaged',
    ask: (_, replies) => replies.say('ask.parcel', {}, yesNo(replies)),
  },
  {
    name: 'description',
    applies: ({ claim, crisis }) => !crisis && claim.problem !== undefined && DESCRIBED_PROBLEMS.includes(claim.problem),
    filled: ({ claim }) => claim.description !== undefined,
    ask: (_, replies) => replies.say('ask.description'),
  },
  {
    name: 'condition',
    applies: ({ claim, crisis }) => !crisis && claim.problem !== undefined && CONDITION_PROBLEMS.includes(claim.problem),
    filled: ({ claim }) => claim.condition !== undefined,
    ask: (_, replies) => replies.say('ask.condition', {}, yesNo(replies)),
  },
  {
    name: 'photos',
    applies: ({ claim, rules, crisis }) => !crisis && photosRequired(claim.problem, rules),
    filled: ({ claim, rules }) => claim.photoIds.length >= rules.photos.min,
    ask: ({ rules }, replies) => replies.say('ask.photos', { min: rules.photos.min, max: rules.photos.max }),
  },
];

export function nextSlot(context: SlotContext): Slot | undefined {
  return SLOTS.find(slot => slot.applies(context) && !slot.filled(context));
}

export function slotNamed(name: SlotName): Slot {
  return SLOTS.find(slot => slot.name === name)!;
}
