import type { Order } from '../bot/records.js';
import type { StatedProblem, Understanding } from '../bot/understanding.js';
import { TEMPLATES } from './replies/index.js';
import { PROBLEM_CHOICES } from './slots.js';
import type { Claim, SlotName } from './state.js';

const MAX_DESCRIPTION = 500;
const BARE_INDEX = /^\s*(\d{1,2})\s*$/;

/** Every language's label of every problem button: tapping one is not a description. */
const PROBLEM_LABELS = new Set(
  Object.values(TEMPLATES).flatMap(templates => PROBLEM_CHOICES.map(key => templates[key].toLowerCase())),
);

export interface FillInput {
  claim: Claim;
  understanding: Understanding;
  text: string;
  /** The slot the bot just asked: it alone takes an ambiguous answer (a bare number, yes/no). */
  asking: SlotName | undefined;
  /** True while confirming or when the customer corrects: new facts replace the held ones. */
  replace: boolean;
  order: Order | null;
}

/**
 * Takes every fact a message carries into the claim: a message fills every empty slot whose fact
 * it has, and only the slot being asked takes an answer that could mean two things.
 */
export function absorbFacts({ claim, understanding: u, text, asking, replace, order }: FillInput): { claim: Claim; changed: boolean } {
  const next: Claim = { ...claim, skuHints: [...claim.skuHints], photoIds: [...claim.photoIds] };
  const takes = (slot: SlotName, held: unknown) => held === undefined || replace || asking === slot;

  // A problem already held changes only when the customer says so: a short answer ("只有一袋")
  // must not be read as a new complaint while confirming.
  if (u.problem && (claim.problem === undefined || asking === 'problem' || u.correction)) next.problem = u.problem;
  if (next.problem === 'damaged') next.problem = resolveDamage(u, asking);
  if (u.wish) next.wish = u.wish;
  if (u.receivedOn) next.receivedOn = u.receivedOn;

  if (u.orderId && u.orderId !== claim.orderId && (takes('order', claim.orderId) || !claim.verified)) {
    Object.assign(next, { orderId: u.orderId, verified: false, line: undefined, quantity: undefined });
  }

  const index = asking === 'item' ? BARE_INDEX.exec(text)?.[1] : undefined;
  const indexedLine = index && order ? order.lines[Number(index) - 1]?.line : undefined;
  if (indexedLine !== undefined) {
    next.line = indexedLine;
  } else if (u.skus.length > 0 && (takes('item', claim.line) || u.correction)) {
    next.skuHints = u.skus;
    if (claim.line !== undefined) Object.assign(next, { line: undefined, quantity: undefined });
  }

  if (u.quantity !== undefined && indexedLine === undefined && takes('quantity', claim.quantity)) next.quantity = u.quantity;

  const description = describedProblem(u, text, asking);
  if (description && takes('description', claim.description)) next.description = description;

  if (asking === 'condition' && u.yes !== undefined) next.condition = u.yes;

  return { claim: next, changed: JSON.stringify(next) !== JSON.stringify(claim) };
}

/** 'damaged' becomes a rules reason once we know whether the parcel arrived damaged. */
function resolveDamage(u: Understanding, asking: SlotName | undefined): StatedProblem {
  const parcelDamaged = u.parcelDamaged ?? (asking === 'parcel' ? u.yes : undefined);
  if (parcelDamaged === undefined) return 'damaged';
  return parcelDamaged ? 'transit_damage' : 'damage_unclear';
}

/** The customer's own words about the problem: an answer to the question, or a message naming it. */
function describedProblem(u: Understanding, text: string, asking: SlotName | undefined): string | undefined {
  const words = text.trim().slice(0, MAX_DESCRIPTION);
  if (!words) return undefined;
  if (asking === 'description') return words;
  if (u.problem && !PROBLEM_LABELS.has(words.toLowerCase())) return words;
  return undefined;
}
