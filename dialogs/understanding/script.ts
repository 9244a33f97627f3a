import * as OpenCC from 'opencc-js';
import type { Lang } from '../../bot/messages.js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

const HAN = /\p{Script=Han}/u;
/** One short word ("ok", "yes") says nothing about the language; a longer word or a phrase does. */
const LATIN_WORD = /[a-z]{4,}|[a-z]+\s+[a-z]+/i;

/**
 * Which language a message is written in. Traditional and Simplified share most characters, and
 * OpenCC also swaps some shared ones for a preferred variant (霉 → 黴), so the script is the one
 * with more characters of its own; a message of shared characters keeps the variant in use.
 */
export function detectLang(text: string, current: Lang | null): Lang | null {
  if (HAN.test(text)) {
    const traditionalOnly = differences(text, toSimplified(text));
    const simplifiedOnly = differences(text, toTraditional(text));
    if (traditionalOnly > simplifiedOnly) return 'zh-Hant';
    if (simplifiedOnly > traditionalOnly) return 'zh-Hans';
    return current === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans';
  }
  return LATIN_WORD.test(text) ? 'en' : null;
}

/** Characters that differ at the same position (conversion is character for character here). */
function differences(original: string, converted: string): number {
  const a = Array.from(original);
  const b = Array.from(converted);
  return a.reduce((count, char, index) => count + (char !== b[index] ? 1 : 0), 0);
}

/**
 * The form keyword rules are written against: Simplified, lower case, full-width digits and
 * punctuation folded to ASCII (customers type 123456 on Chinese keyboards too).
 */
export function normalize(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase();
}
