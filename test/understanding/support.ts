import type { Lang } from '../../bot/messages.js';
import type { UnderstandingContext } from '../../bot/understanding.js';
import { DEMO_DATA } from '../../data/demo/demo-data.js';

/** 10:00 on Friday 2026-11-20 in Shanghai: yesterday is the 19th, last week's Tuesday the 10th. */
export const NOW = new Date('2026-11-20T10:00:00+08:00');

/** What the engine hands an understander: the demo catalogue, the shop's time zone. */
export function contextFor(currentLang: Lang = 'zh-Hans'): UnderstandingContext {
  return { now: NOW, currentLang, timezone: 'Asia/Shanghai', products: DEMO_DATA.products };
}
