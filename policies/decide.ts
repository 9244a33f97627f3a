import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { CaseFacts, Compensation, Crisis, Decision, Fee, Outcome, RuleId, Rules } from './types.js';
import { coveringCrisis, presetDecision } from './crisis.js';
import { localDate } from './local-time.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** What the rule of the customer's reason grants, before photos, money and tier are looked at. */
interface Grant {
  outcomes: Outcome[];
  /** Who pays the return parcel; null when nothing is sent back. */
  returnShippingPaidBy: 'company' | 'customer' | null;
  fees: Fee[];
  compensation: Compensation | null;
  needsPerson: boolean;
  reasons: RuleId[];
}

/** The reason's rule either grants something or names the one rule that refuses. */
type Verdict = Grant | { refusedBy: RuleId };

/** An ISO instant ends with Z or an offset; without one it would be read in the server's zone. */
const ISO_INSTANT = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Applies the operators' rules to one request. Rules are applied in a fixed order (window,
 * the reason's rule, photos, refund limit, tier) and every rule that fires is listed in
 * `reasons`, so the reply can explain the decision step by step. An open crisis covering the
 * item (its batch, product or supplier) comes before all of them: its preset is the decision.
 */
export function decide(facts: CaseFacts, rules: Rules, now: Date, crises: readonly Crisis[] = []): Decision {
  checkFacts(facts, now);
  const refundCents = facts.unitPriceCents * facts.quantity;

  const crisis = coveringCrisis(crises, facts);
  if (crisis) return presetDecision(crisis, refundCents);

  if (dayOfRequest(facts.deliveredAt, now, rules.timezone) > rules.window.days) {
    return refusal(refundCents, ['window.expired']);
  }
  const verdict = verdictFor(facts, rules, refundCents);
  if ('refusedBy' in verdict) return refusal(refundCents, ['window.within', verdict.refusedBy]);

  const reasons: RuleId[] = ['window.within', ...verdict.reasons];
  let needsPerson = verdict.needsPerson;

  // The dialog always asks for photos; a case without them is not refused but goes to a person.
  if (rules.photos.requiredFor.includes(facts.reason) && facts.photoCount < rules.photos.min) {
    reasons.push('photos.missing');
    needsPerson = true;
  }

  if (verdict.outcomes.includes('refund')) {
    const limits = rules.autoRefundLimitCents;
    if (refundCents > limits[facts.customerTier]) {
      reasons.push('limit.above_auto');
      needsPerson = true;
    } else {
      reasons.push('limit.within_auto');
      // Said only when membership made the difference, so the customer hears why it matters.
      if (facts.customerTier === 'member' && refundCents > limits.regular) reasons.push('member.higher_limit');
    }
  }

  if (rules.dedicatedAgentTiers.includes(facts.customerTier)) {
    reasons.push('tier.dedicated_agent');
    needsPerson = true;
  }

  return {
    outcomes: verdict.outcomes,
    refused: false,
    needsPerson,
    returnRequired: verdict.returnShippingPaidBy !== null,
    returnShippingPaidBy: verdict.returnShippingPaidBy,
    fees: verdict.fees,
    compensation: verdict.compensation,
    refundCents,
    reasons,
  };
}

function verdictFor(facts: CaseFacts, rules: Rules, refundCents: number): Verdict {
  const isFood = facts.category === 'food';
  switch (facts.reason) {
    case 'quality': {
      // Quality problems are taken back whatever the condition (质量问题包退换).
      const keep = isFood && !rules.quality.returnFood;
      return grant(rules.quality.outcomes, {
        returnShippingPaidBy: keep ? null : 'company',
        reasons: keep ? ['quality.unconditional', 'quality.food_no_return'] : ['quality.unconditional'],
      });
    }
    case 'transit_damage': {
      const keep = isFood && !rules.transitDamage.returnFood;
      const compensation = rules.transitDamage.compensation;
      return grant(rules.transitDamage.outcomes, {
        returnShippingPaidBy: keep ? null : 'company',
        compensation: compensation && { ...compensation },
        reasons: [keep ? 'transit.food_no_return' : 'transit.free_return', ...(compensation ? ['transit.compensation' as const] : [])],
      });
    }
    case 'damage_unclear':
      // An agent compares the courier's record with the customer's account; if it proves to be
      // transit damage, the transit outcomes are what they may grant. Nothing is promised now.
      return grant(rules.transitDamage.outcomes, { needsPerson: true, reasons: ['damage.unclear_responsibility'] });
    case 'wrong_item':
      // Our mistake: the right item goes out at once, the wrong one is not worth a return trip.
      return grant(rules.wrongItem.outcomes, { reasons: ['wrong_item.reship'] });
    case 'missing_item':
      return grant(rules.missingItem.outcomes, { reasons: ['missing_item.reship_or_refund'] });
    case 'not_as_described':
      if (rules.notAsDescribed.requireCondition && !conditionMet(facts)) return { refusedBy: 'condition.not_met' };
      return grant(rules.notAsDescribed.outcomes, {
        returnShippingPaidBy: 'company',
        reasons: ['not_as_described.condition_ok'],
      });
    case 'changed_mind':
      if (rules.changedMind.excludedCategories.includes(facts.category)) {
        return { refusedBy: 'changed_mind.category_excluded' };
      }
      if (!conditionMet(facts)) return { refusedBy: 'condition.not_met' };
      return grant(rules.changedMind.outcomes, {
        returnShippingPaidBy: 'customer',
        fees: [{ kind: 'handling', cents: handlingFee(refundCents, rules.changedMind.handlingFee) }],
        reasons: ['changed_mind.handling_fee', 'changed_mind.customer_pays_shipping'],
      });
  }
}

/** A grant with nothing extra unless said; outcomes are copied so callers cannot edit the rules. */
function grant(outcomes: Outcome[], parts: Partial<Grant> & Pick<Grant, 'reasons'>): Grant {
  return {
    outcomes: [...outcomes],
    returnShippingPaidBy: null,
    fees: [],
    compensation: null,
    needsPerson: false,
    ...parts,
  };
}

function refusal(refundCents: number, reasons: RuleId[]): Decision {
  return {
    outcomes: [],
    refused: true,
    needsPerson: false,
    returnRequired: false,
    returnShippingPaidBy: null,
    fees: [],
    compensation: null,
    refundCents,
    reasons,
  };
}

/** Resaleable: unused and in the original packaging. Unknown counts as not met. */
function conditionMet(facts: CaseFacts): boolean {
  return facts.condition?.unused === true && facts.condition.originalPackaging === true;
}

/**
 * percent% of the value, held between minCents and maxCents, and never more than the value
 * itself: a fee larger than the refund would make the customer pay to send goods back.
 */
function handlingFee(refundCents: number, fee: Rules['changedMind']['handlingFee']): number {
  const clamped = Math.min(Math.max(Math.round((refundCents * fee.percent) / 100), fee.minCents), fee.maxCents);
  return Math.min(clamped, refundCents);
}

/**
 * Calendar day of `now` counted from the day of delivery (day 0), both days read in the
 * shop's zone: a parcel signed for at 23:50 still starts its window that day.
 */
function dayOfRequest(deliveredAt: string, now: Date, zone: string): number {
  // Two dates compared as UTC midnights differ by whole days, whatever the zone's DST does.
  return dayjs.utc(localDate(now, zone)).diff(dayjs.utc(localDate(deliveredAt, zone)), 'day');
}

/**
 * The facts come from our dialog, so bad ones are a bug; they are stopped here because a NaN
 * amount would compare as within every refund limit and be granted without a person.
 */
function checkFacts(facts: CaseFacts, now: Date): void {
  const fail = (what: string, value: unknown) => {
    throw new RangeError(`decide(): ${what}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  };
  if (!Number.isSafeInteger(facts.unitPriceCents) || facts.unitPriceCents < 0) {
    fail('unitPriceCents must be a whole number of cents, 0 or more', facts.unitPriceCents);
  }
  if (!Number.isSafeInteger(facts.quantity) || facts.quantity < 1) fail('quantity must be a positive integer', facts.quantity);
  if (!Number.isSafeInteger(facts.photoCount) || facts.photoCount < 0) fail('photoCount must be 0 or more', facts.photoCount);
  if (!ISO_INSTANT.test(facts.deliveredAt) || Number.isNaN(Date.parse(facts.deliveredAt))) {
    fail('deliveredAt must be an ISO-8601 instant with Z or an offset', facts.deliveredAt);
  }
  if (Number.isNaN(now.getTime())) fail('now must be a valid date', now);
}
