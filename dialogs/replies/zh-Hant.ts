import * as OpenCC from 'opencc-js';
import type { TemplateKey } from './en.js';
import { zhHans } from './zh-Hans.js';

/**
 * 繁體中文: converted from the Simplified templates with Taiwan word forms (OpenCC `twp`), so the
 * two never drift apart; `overrides` holds the phrasings where a converted sentence reads wrong.
 */
const convert = OpenCC.Converter({ from: 'cn', to: 'twp' });
/** Taiwan quotes 「」; `twp` renders 审核 as 稽核 (audit), which reads wrong to a customer. */
const toTaiwan = (text: string) => convert(text).replace(/“/g, '「').replace(/”/g, '」').replace(/稽核/g, '審核');

const overrides: Partial<Record<TemplateKey, string>> = {
  'quick.person': '轉真人客服',
};

export const zhHant = Object.fromEntries(
  (Object.entries(zhHans) as [TemplateKey, string][]).map(([key, text]) => [key, overrides[key] ?? toTaiwan(text)]),
) as Record<TemplateKey, string>;
