import { expect } from 'chai';
import { opsHeaders } from '../support/ops-bot.js';

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

/** Opens mouldyMilletCrisis through the console's API with the session `cookie` (201 expected); the crisis id. */
export async function openMilletOverHttp(bot: { url: string }, cookie: string): Promise<string> {
  const response = await fetch(`${bot.url}/ops/api/crises`, {
    method: 'POST',
    headers: opsHeaders(cookie, { 'content-type': 'application/json' }),
    body: JSON.stringify(mouldyMilletCrisis()),
  });
  const body = (await response.json()) as { crisis: { id: string } };
  expect(response.status, JSON.stringify(body)).to.equal(201);
  return body.crisis.id;
}
