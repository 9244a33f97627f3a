import type { Lang } from '../../bot/messages.js';
import { en, type TemplateKey } from './en.js';
import { zhHans } from './zh-Hans.js';
import { zhHant } from './zh-Hant.js';

export type { TemplateKey };
export type TemplateVars = Record<string, string | number>;

export const TEMPLATES: Record<Lang, Record<TemplateKey, string>> = { 'en': en, 'zh-Hans': zhHans, 'zh-Hant': zhHant };

/** The reply `key` in `lang` with `{name}` placeholders filled; a missing variable stays visible. */
export function t(lang: Lang, key: TemplateKey, vars: TemplateVars = {}): string {
  return TEMPLATES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Money as customers read it in every language here: ¥25.80. */
export function money(cents: number): string {
  return `¥${(cents / 100).toFixed(2)}`;
}
