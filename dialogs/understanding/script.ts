import * as OpenCC from 'opencc-js';
import type { Lang } from '../../bot/messages.js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[a-z]{2,}/i;

/**
 * Which language a message is written in. Traditional and Simplified share most characters, so a
 * message is Traditional only when converting it to Simplified changes something and converting it
 * to Traditional does not; a message of shared characters only keeps the variant in use.
 */
export function detectLang(text: string, current: Lang | null): Lang | null {
  if (HAN.test(text)) {
    const hasTraditional = toSimplified(text) !== text;
    const hasSimplified = toTraditional(text) !== text;
    if (hasTraditional && !hasSimplified) return 'zh-Hant';
    if (hasSimplified && !hasTraditional) return 'zh-Hans';
    return current === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans';
  }
  return LATIN_WORD.test(text) ? 'en' : null;
}

/**
 * The form keyword rules are written against: Simplified, lower case, full-width digits and
 * punctuation folded to ASCII (customers type 123456 on Chinese keyboards too).
 */
export function normalize(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase();
}
