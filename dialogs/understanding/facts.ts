import type { Product } from '../../bot/records.js';
import type { Understanding, UnderstandingContext } from '../../bot/understanding.js';
import type { Outcome } from '../../policies/types.js';
import { extractCaseId, extractOrderId, extractPhoneDigits, extractQuantity, extractReceivedOn, extractScore } from './extractors.js';
import { CORRECTION, DONE, NO, PARCEL_DAMAGED, PARCEL_INTACT, RESTART, UPSET, WISH_PATTERNS, YES } from './lexicon.js';
import { ProductMatcher } from './product-mentions.js';
import { detectLang } from './script.js';

/** Everything a message says except what it is about: every engine reads these the same way. */
export type Facts = Omit<Understanding, 'intent' | 'problem'>;

export const matchesAny = (patterns: readonly RegExp[], text: string) => patterns.some(pattern => pattern.test(text));
export const firstMatch = <T>(table: readonly [T, readonly RegExp[]][], text: string): T | undefined =>
  table.find(([, patterns]) => matchesAny(patterns, text))?.[0];

/**
 * Reads the facts of one message with deterministic rules: numbers, dates, products, yes/no and
 * the control words of the dialog are never left to a statistical model.
 */
export class FactReader {
  private matcher?: { products: readonly Product[]; matcher: ProductMatcher };

  /** `normalized` is `normalize(text).trim()`, computed once by the caller. */
  read(text: string, normalized: string, context: UnderstandingContext): Facts {
    return {
      lang: detectLang(text, context.currentLang),
      wish: firstMatch<Outcome>(WISH_PATTERNS, normalized),
      orderId: extractOrderId(normalized),
      phoneDigits: extractPhoneDigits(normalized),
      caseId: extractCaseId(normalized),
      skus: this.skus(normalized, context.products),
      quantity: extractQuantity(normalized),
      receivedOn: extractReceivedOn(normalized, context.now, context.timezone),
      yes: yesOrNo(normalized),
      parcelDamaged: matchesAny(PARCEL_DAMAGED, normalized) ? true : matchesAny(PARCEL_INTACT, normalized) ? false : undefined,
      correction: matchesAny(CORRECTION, normalized),
      restart: matchesAny(RESTART, normalized),
      done: matchesAny(DONE, normalized),
      score: extractScore(normalized),
      upset: matchesAny(UPSET, normalized),
    };
  }

  /** Catalogue products named in normalized text. */
  skus(normalized: string, products: readonly Product[]): string[] {
    return this.productMatcher(products).find(normalized);
  }

  /** Normalized text without the catalogue's product names. */
  withoutProducts(normalized: string, products: readonly Product[]): string {
    return this.productMatcher(products).blank(normalized);
  }

  /** The catalogue rarely changes: the matcher is rebuilt only when it does. */
  private productMatcher(products: readonly Product[]): ProductMatcher {
    if (this.matcher?.products !== products) this.matcher = { products, matcher: new ProductMatcher(products) };
    return this.matcher.matcher;
  }
}

function yesOrNo(normalized: string): boolean | undefined {
  if (NO[0]!.test(normalized)) return false;
  if (matchesAny(YES, normalized)) return true;
  return matchesAny(NO, normalized) ? false : undefined;
}
