import type { Rules } from '../../policies/types.js';

/**
 * The shipped rules (data/rules.yaml) as a value, for generating demo history without reading a
 * file. test/ops/history.spec.ts checks that it still equals the shipped file.
 */
export const DEMO_RULES: Rules = {
  version: 1,
  timezone: 'Asia/Shanghai',
  window: { days: 7 },
  photos: { requiredFor: ['quality', 'transit_damage', 'damage_unclear', 'not_as_described', 'wrong_item'], min: 1, max: 5, maxBytes: 10485760 },
  quality: { outcomes: ['refund', 'exchange'], returnFood: false },
  transitDamage: { outcomes: ['refund', 'exchange'], returnFood: false, compensation: { kind: 'coupon', amount: 1000 } },
  wrongItem: { outcomes: ['reship'] },
  missingItem: { outcomes: ['reship', 'refund'] },
  notAsDescribed: { outcomes: ['refund', 'exchange'], requireCondition: true },
  changedMind: { outcomes: ['refund', 'exchange'], excludedCategories: ['food'], handlingFee: { percent: 10, minCents: 500, maxCents: 5000 } },
  autoRefundLimitCents: { regular: 50000, member: 200000, wholesale: 0 },
  dedicatedAgentTiers: ['wholesale'],
  timeline: { firstFeedbackHours: 24, reviewHours: 48, refundWorkingDays: 1, refundArrivalWorkingDays: { min: 1, max: 3 } },
};
