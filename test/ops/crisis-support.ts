import { pino } from 'pino';
import type { Logger } from '../../bot/logger.js';

/** What an operator fills in for the demo's bad batch: refund without return plus a ¥10 coupon. */
export function mouldyMilletCrisis(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    scope: { kind: 'batch', value: 'B-MIL-2611' },
    preset: { outcome: 'refund', returnRequired: false, compensation: { kind: 'coupon', amount: 1000 } },
    notice: {
      'zh-Hans': '关于小米批次 B-MIL-2611:部分小米受潮发霉,我们为您直接退款并送上优惠券。',
      'zh-Hant': '關於小米批次 B-MIL-2611:部分小米受潮發霉,我們為您直接退款並送上優惠券。',
      en: 'About millet batch B-MIL-2611: some bags went mouldy. We refund you directly and add a coupon.',
    },
    ...overrides,
  };
}

/** A logger whose lines the test reads back (the audit of who opened and closed). */
export function recordingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}
