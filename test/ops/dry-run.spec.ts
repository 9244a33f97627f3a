import { expect } from 'chai';
import type { CaseRecord, Customer, Order } from '../../bot/records.js';
import { DEMO_DATA } from '../../data/demo/demo-data.js';
import { DEMO_RULES } from '../../data/demo/demo-rules.js';
import { caseFacts } from '../../ops/case-facts.js';
import { dryRun, type PastCase } from '../../ops/dry-run.js';
import { decide } from '../../policies/decide.js';
import type { CaseFacts, Reason, Rules } from '../../policies/types.js';

const REQUEST_AT = '2026-11-20T04:00:00.000Z';
const customer = DEMO_DATA.customers.find((c) => c.id === 'C001')! as Customer;

/** A past case on a one-line order delivered `daysBefore` days before the request, decided by the shipped rules. */
function pastCase(id: string, sku: string, price: number, quantity: number, reason: Reason, daysBefore: number, extra: Partial<CaseFacts> = {}): PastCase & { order: Order } {
  const product = DEMO_DATA.products.find((p) => p.sku === sku)!;
  const batch = DEMO_DATA.batches.find((b) => b.sku === sku)!;
  const deliveredAt = new Date(Date.parse(REQUEST_AT) - daysBefore * 86_400_000).toISOString();
  const order: Order = { id: `7900${id}`, customerId: 'C001', phone: customer.phone, placedAt: deliveredAt, deliveredAt,
    lines: [{ line: 1, sku, quantity, unitPriceCents: price, batchId: batch.id, supplierId: batch.supplierId, product }] };
  const factsThen: CaseFacts = { reason, customerTier: 'regular', deliveredAt, category: product.category, sku, batchId: batch.id,
    supplierId: batch.supplierId, unitPriceCents: price, quantity, photoCount: 1, ...extra };
  const decision = decide(factsThen, DEMO_RULES, new Date(REQUEST_AT));
  const record: CaseRecord = { id, conversationId: `web:h${id}`, channel: 'web', userId: `h${id}`, lang: 'zh-Hans', customerId: 'C001',
    orderId: order.id, line: 1, sku, quantity, reason, description: '', outcome: decision.refused ? null : decision.outcomes[0]!,
    status: 'closed', decision, photoIds: ['a'.repeat(64)], createdAt: REQUEST_AT, updatedAt: REQUEST_AT };
  return { record, order, facts: caseFacts(record, order, customer) };
}

const CASES = [
  pastCase('01', 'MILLET-500', 2580, 2, 'quality', 3),
  pastCase('02', 'RICE-5KG', 5990, 1, 'quality', 9), // expired at 7 days, within 10
  pastCase('03', 'MUG-350', 3900, 2, 'changed_mind', 2, { condition: { unused: true, originalPackaging: true } }),
  pastCase('04', 'LAMP-LED', 89900, 1, 'transit_damage', 12), // expired either way
  // Expired at 7, and its condition was never asked: unknown counts as not met, so still refused at 10.
  pastCase('05', 'KETTLE-17', 19900, 1, 'changed_mind', 8, { condition: { unused: true, originalPackaging: true } }),
];
const NOW = new Date('2026-11-22T00:00:00.000Z');
const withRules = (change: (r: Rules) => void): Rules => {
  const copy = structuredClone(DEMO_RULES);
  change(copy);
  return copy;
};

describe('caseFacts', () => {
  it('rebuilds the facts of the time from the case, its order and customer', () => {
    const [millet, , mug, , kettle] = CASES;
    expect(millet!.facts).to.deep.equal({ reason: 'quality', customerTier: 'regular', deliveredAt: millet!.order.deliveredAt, category: 'food',
      sku: 'MILLET-500', batchId: 'B-MIL-2610', supplierId: 'S01', unitPriceCents: 2580, quantity: 2, photoCount: 1 });
    expect(mug!.facts.condition).to.deep.equal({ unused: true, originalPackaging: true });
    expect(kettle!.facts.condition).to.equal(undefined);
    for (const c of CASES) expect(decide(c.facts, DEMO_RULES, new Date(REQUEST_AT)), c.record.id).to.deep.equal(c.record.decision);
  });
});

describe('dryRun', () => {
  it('changes nothing when the rules do not change, and agrees with the stored decisions', () => {
    const result = dryRun(CASES, DEMO_RULES, DEMO_RULES, NOW);
    expect([result.total, result.count, result.differsFromStored]).to.deep.equal([5, 0, []]);
    expect(result.at).to.equal(NOW.toISOString());
  });

  it('raising the window from 7 to 10 days changes only the case expired within those days', () => {
    const result = dryRun(CASES, DEMO_RULES, withRules((r) => { r.window.days = 10; }), NOW);
    expect(result.changed.map((c) => c.caseId)).to.deep.equal(['02']);
    const [change] = result.changed;
    expect([change!.before.refused, change!.after.refused, change!.after.outcomes]).to.deep.equal([true, false, ['refund', 'exchange']]);
    expect(result.money.refundableDeltaCents).to.equal(5990);
    expect(result.money.feesDeltaCents).to.equal(0);
  });

  it('a higher handling fee changes the fees of changed-mind cases only, summed in money', () => {
    const result = dryRun(CASES, DEMO_RULES, withRules((r) => { r.changedMind.handlingFee.percent = 20; }), NOW);
    expect(result.changed.map((c) => c.caseId)).to.deep.equal(['03']);
    // 7800 cents of mugs: 10 % is 780, 20 % is 1560.
    expect([result.changed[0]!.before.feeCents, result.changed[0]!.after.feeCents]).to.deep.equal([780, 1560]);
    expect(result.money).to.deep.equal({
      refundableBeforeCents: 5160 + 7800, refundableAfterCents: 5160 + 7800, refundableDeltaCents: 0,
      feesBeforeCents: 780, feesAfterCents: 1560, feesDeltaCents: 780,
    });
  });

  it('lowering the automatic refund limit sends cases to a person without refusing them', () => {
    const result = dryRun(CASES, DEMO_RULES, withRules((r) => { r.autoRefundLimitCents.regular = 6000; }), NOW);
    expect(result.changed.map((c) => [c.caseId, c.before.needsPerson, c.after.needsPerson, c.after.refused])).to.deep.equal([['03', false, true, false]]);
  });
});
