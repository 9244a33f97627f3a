import { t, type TemplateKey } from '../../dialogs/replies/index.js';
import type { Lang } from '../messages.js';
import type { CaseRecord, Product } from '../records.js';
import type { Batch, Supplier } from './ops-records.js';
import { REASONS } from './numbers-filter.js';

/** Words the console shows in the operator's language (the customers' third language rides along). */
export type Words = Record<'en' | 'zh-Hans', string>;

/** What the filter drop-downs offer, with the names the charts label their bars with. */
export interface NumbersChoices {
  products: { sku: string; names: Record<Lang, string> }[];
  batches: Batch[];
  suppliers: Supplier[];
  channels: string[];
  reasons: { id: string; names: Words }[];
}

/** Channels the bot always has; others (a console, a future one) appear once a case came through them. */
const KNOWN_CHANNELS = ['web', 'wechat'];

export function numbersChoices(products: Product[], batches: Batch[], suppliers: Supplier[], cases: readonly CaseRecord[]): NumbersChoices {
  return {
    products: products.map((p) => ({ sku: p.sku, names: p.names })),
    batches,
    suppliers,
    channels: [...new Set([...KNOWN_CHANNELS, ...cases.map((c) => c.channel)])].sort(),
    // The customer-facing names of the problems: the ones the bot itself offers as buttons.
    reasons: REASONS.map((id) => ({ id, names: words(`problem.${id}`) })),
  };
}

export function words(key: TemplateKey, vars: Record<string, string | number> = {}): Words {
  return { 'en': t('en', key, vars), 'zh-Hans': t('zh-Hans', key, vars) };
}
