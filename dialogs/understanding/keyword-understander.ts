import type { Intent, StatedProblem, Understander, Understanding, UnderstandingContext } from '../../bot/understanding.js';
import type { Product } from '../../bot/records.js';
import type { Outcome } from '../../policies/types.js';
import { CANCEL_ORDER, CORRECTION, DONE, INTENT_PATTERNS, NO, PARCEL_DAMAGED, PARCEL_INTACT, PROBLEM_PATTERNS, RESTART, UPSET, WISH_PATTERNS, YES } from './lexicon.js';
import { extractCaseId, extractOrderId, extractPhoneDigits, extractQuantity, extractReceivedOn, extractScore } from './extractors.js';
import { ProductMatcher } from './product-mentions.js';
import { detectLang, normalize } from './script.js';

const matchesAny = (patterns: readonly RegExp[], text: string) => patterns.some(pattern => pattern.test(text));
const firstMatch = <T>(table: readonly [T, readonly RegExp[]][], text: string): T | undefined =>
  table.find(([, patterns]) => matchesAny(patterns, text))?.[0];

/** The intent label a stated problem corresponds to (intent-labels.md: the problem beats the action). */
const PROBLEM_INTENT: Record<StatedProblem, Intent> = {
  quality: 'quality_spoiled',
  damaged: 'damaged_or_defective',
  transit_damage: 'damaged_or_defective',
  damage_unclear: 'damaged_or_defective',
  wrong_item: 'wrong_item',
  missing_item: 'missing_item',
  not_as_described: 'not_as_described',
  changed_mind: 'changed_mind',
};

/**
 * Offline understanding by keyword rules and deterministic extractors: pulls every fact a message
 * gives so the dialog can fill several slots at once.
 */
export class KeywordUnderstander implements Understander {
  private matcher?: { products: readonly Product[]; matcher: ProductMatcher };

  async understand(text: string, context: UnderstandingContext): Promise<Understanding> {
    const normalized = normalize(text).trim();
    const problem = this.problemOf(normalized);
    const intent: Intent = matchesAny(CANCEL_ORDER, normalized) ? 'cancel_order' : problem ? PROBLEM_INTENT[problem] : firstMatch(INTENT_PATTERNS, normalized) ?? 'other';
    const parcelDamaged = matchesAny(PARCEL_DAMAGED, normalized) ? true : matchesAny(PARCEL_INTACT, normalized) ? false : undefined;
    return {
      intent,
      lang: detectLang(text, context.currentLang),
      problem,
      wish: firstMatch<Outcome>(WISH_PATTERNS, normalized),
      orderId: extractOrderId(normalized),
      phoneDigits: extractPhoneDigits(normalized),
      caseId: extractCaseId(normalized),
      skus: this.productMatcher(context.products).find(normalized),
      quantity: extractQuantity(normalized),
      receivedOn: extractReceivedOn(normalized, context.now, context.timezone),
      yes: this.yesOrNo(normalized),
      parcelDamaged,
      correction: matchesAny(CORRECTION, normalized),
      restart: matchesAny(RESTART, normalized),
      done: matchesAny(DONE, normalized),
      score: extractScore(normalized),
      upset: matchesAny(UPSET, normalized),
    };
  }

  private problemOf(normalized: string): StatedProblem | undefined {
    const problem = firstMatch(PROBLEM_PATTERNS, normalized);
    if (problem !== 'damaged') return problem;
    return matchesAny(PARCEL_DAMAGED, normalized) ? 'transit_damage' : 'damaged';
  }

  private yesOrNo(normalized: string): boolean | undefined {
    if (NO[0]!.test(normalized)) return false;
    if (matchesAny(YES, normalized)) return true;
    return matchesAny(NO, normalized) ? false : undefined;
  }

  /** The catalogue rarely changes: the matcher is rebuilt only when it does. */
  private productMatcher(products: readonly Product[]): ProductMatcher {
    if (this.matcher?.products !== products) this.matcher = { products, matcher: new ProductMatcher(products) };
    return this.matcher.matcher;
  }
}
