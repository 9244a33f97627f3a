import type { Product } from '../../bot/records.js';
import { normalize } from './script.js';

interface Alias {
  sku: string;
  pattern: RegExp;
  length: number;
}

const LATIN = /^[a-z0-9 ]+$/;
const SIZE = /\s*\d+(?:\.\d+)?\s*(?:g|kg|ml|l)$/;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds the catalogue products a message names. Longer names win and consume their text, so
 * "小米" is millet and not the "米" (rice) inside it; Latin names match whole words, plurals included.
 * Customers shorten names: a name without its size ("干香菇"), and a word of an English name no
 * other product has ("shiitake", "ceramic"), name the product too.
 */
export class ProductMatcher {
  private readonly aliases: Alias[];

  constructor(products: readonly Product[]) {
    const named = products.flatMap(product =>
      [...Object.values(product.names), ...product.aliases].map(name => ({ sku: product.sku, name: normalize(name).trim() })),
    );
    const shortened = [...named, ...named.map(({ sku, name }) => ({ sku, name: name.replace(SIZE, '') })), ...distinctiveWords(named)];
    this.aliases = [...new Map(shortened.map(alias => [`${alias.sku} ${alias.name}`, alias])).values()]
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
    return [...new Set(this.scan(normalizedText).found.sort((a, b) => a.at - b.at).map(entry => entry.sku))];
  }

  /** The text with every product name blanked out: what the message says besides naming goods. */
  blank(normalizedText: string): string {
    return this.scan(normalizedText).rest;
  }

  private scan(normalizedText: string): { found: { sku: string; at: number }[]; rest: string } {
    let rest = normalizedText;
    const found: { sku: string; at: number }[] = [];
    for (const alias of this.aliases) {
      rest = rest.replace(alias.pattern, (match, offset: number) => {
        found.push({ sku: alias.sku, at: offset });
        return ' '.repeat(match.length);
      });
    }
    return { found, rest };
  }
}

/** Words of four letters or more that appear in the English names of one product only. */
function distinctiveWords(named: readonly { sku: string; name: string }[]): { sku: string; name: string }[] {
  const owners = new Map<string, Set<string>>();
  for (const { sku, name } of named.filter(({ name }) => LATIN.test(name))) {
    for (const word of name.split(' ').filter(word => /^[a-z]{4,}$/.test(word))) owners.set(word, (owners.get(word) ?? new Set()).add(sku));
  }
  return [...owners].filter(([, skus]) => skus.size === 1).map(([word, skus]) => ({ sku: [...skus][0]!, name: word }));
}
