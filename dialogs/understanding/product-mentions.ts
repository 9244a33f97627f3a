import type { Product } from '../../bot/records.js';
import { normalize } from './script.js';

interface Alias {
  sku: string;
  pattern: RegExp;
  length: number;
}

const LATIN = /^[a-z0-9 ]+$/;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds the catalogue products a message names. Longer names win and consume their text, so
 * "小米" is millet and not the "米" (rice) inside it; Latin names match whole words, plurals included.
 */
export class ProductMatcher {
  private readonly aliases: Alias[];

  constructor(products: readonly Product[]) {
    this.aliases = products
      .flatMap(product => [...Object.values(product.names), ...product.aliases].map(name => ({ sku: product.sku, name: normalize(name).trim() })))
      .filter(({ name }) => name.length > 0)
      .map(({ sku, name }) => ({
        sku,
        length: name.length,
        pattern: new RegExp(LATIN.test(name) ? `\\b${escape(name)}(?:s|es)?\\b` : escape(name), 'g'),
      }))
      .sort((a, b) => b.length - a.length);
  }

  /** SKUs in order of first mention. */
  find(normalizedText: string): string[] {
    let rest = normalizedText;
    const found: { sku: string; at: number }[] = [];
    for (const alias of this.aliases) {
      rest = rest.replace(alias.pattern, (match, offset: number) => {
        found.push({ sku: alias.sku, at: offset });
        return ' '.repeat(match.length);
      });
    }
    return [...new Set(found.sort((a, b) => a.at - b.at).map(entry => entry.sku))];
  }
}
