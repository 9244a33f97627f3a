import { expect } from 'chai';
import { decide } from '../../policies/decide.js';
import type { CaseFacts, Crisis, Decision } from '../../policies/types.js';
import { documentedDefaults as rules } from '../support/documented-rules.js';

/** Two bags of millet from batch B-MIL-2611 (supplier S01) at 25.80, mouldy, with a photo. */
function facts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    reason: 'quality',
    customerTier: 'regular',
    deliveredAt: '2026-11-19T10:00:00+08:00',
    category: 'food',
    sku: 'MILLET-500',
    batchId: 'B-MIL-2611',
    supplierId: 'S01',
    unitPriceCents: 2580,
    quantity: 2,
    photoCount: 1,
    ...overrides,
  };
}

const now = new Date('2026-11-20T10:00:00+08:00');

/** Refund without return plus a ¥10 coupon: the usual preset for spoiled food. */
const refundAndCoupon: Crisis = {
  id: 'CR-1',
  scope: { kind: 'batch', value: 'B-MIL-2611' },
  preset: { outcome: 'refund', returnRequired: false, compensation: { kind: 'coupon', amount: 1000 } },
};

function preset(parts: Partial<Decision> = {}): Decision {
  return {
    outcomes: ['refund'],
    refused: false,
    needsPerson: false,
    returnRequired: false,
    returnShippingPaidBy: null,
    fees: [],
    compensation: { kind: 'coupon', amount: 1000 },
    refundCents: 5160,
    reasons: ['crisis.preset'],
    crisisId: 'CR-1',
    ...parts,
  };
}

describe('decide() during a crisis', () => {
  it('gives the preset at once to a request about the crisis batch', () => {
    expect(decide(facts(), rules, now, [refundAndCoupon])).to.deep.equal(preset());
  });

  it('gives the preset whatever the reason, even one the rules refuse (food bought by mistake)', () => {
    expect(decide(facts({ reason: 'changed_mind' }), rules, now, [refundAndCoupon])).to.deep.equal(preset());
  });

  it('gives the preset after the return window', () => {
    expect(decide(facts(), rules, new Date('2026-12-20T10:00:00+08:00'), [refundAndCoupon])).to.deep.equal(preset());
  });

  it('needs no person: no photos, above the refund limit, a wholesale buyer', () => {
    const heavy = facts({ photoCount: 0, quantity: 300, customerTier: 'wholesale' });
    expect(decide(heavy, rules, now, [refundAndCoupon])).to.deep.equal(preset({ refundCents: 774000 }));
  });

  it('asks for the goods back at our cost when the preset says so', () => {
    const exchange: Crisis = { ...refundAndCoupon, preset: { outcome: 'exchange', returnRequired: true, compensation: null } };
    expect(decide(facts(), rules, now, [exchange])).to.deep.equal(preset({
      outcomes: ['exchange'],
      returnRequired: true,
      returnShippingPaidBy: 'company',
      compensation: null,
    }));
  });

  it('applies the normal rules to another batch of the same product', () => {
    const other = facts({ batchId: 'B-MIL-2610' });
    expect(decide(other, rules, now, [refundAndCoupon])).to.deep.equal(decide(other, rules, now));
    expect(decide(other, rules, now, [refundAndCoupon]).reasons).to.deep.equal(['window.within', 'quality.unconditional', 'quality.food_no_return', 'limit.within_auto']);
  });

  it('covers every batch of a product, or everything of a supplier', () => {
    const product: Crisis = { ...refundAndCoupon, scope: { kind: 'product', value: 'MILLET-500' } };
    const supplier: Crisis = { ...refundAndCoupon, scope: { kind: 'supplier', value: 'S01' } };
    expect(decide(facts({ batchId: 'B-MIL-2610' }), rules, now, [product])).to.deep.equal(preset());
    expect(decide(facts({ sku: 'BEANS-1KG', batchId: 'B-BEAN-2610' }), rules, now, [supplier])).to.deep.equal(preset());
    expect(decide(facts({ supplierId: 'S02' }), rules, now, [supplier]).reasons).not.to.include('crisis.preset');
  });

  it('does not take an item without a batch for a batch crisis', () => {
    const noBatch = facts();
    delete noBatch.batchId;
    expect(decide(noBatch, rules, now, [refundAndCoupon]).reasons).not.to.include('crisis.preset');
  });

  it('lets the narrowest crisis decide when several cover the item', () => {
    const supplier: Crisis = { id: 'CR-2', scope: { kind: 'supplier', value: 'S01' }, preset: { outcome: 'reship', returnRequired: false, compensation: null } };
    expect(decide(facts(), rules, now, [supplier, refundAndCoupon])).to.deep.equal(preset());
  });

  it('hands out a copy of the compensation, so a caller cannot change the crisis', () => {
    const decision = decide(facts(), rules, now, [refundAndCoupon]);
    decision.compensation!.amount = 1;
    expect(refundAndCoupon.preset.compensation).to.deep.equal({ kind: 'coupon', amount: 1000 });
  });

  it('still refuses facts that make no sense', () => {
    expect(() => decide(facts({ quantity: 0 }), rules, now, [refundAndCoupon])).to.throw(RangeError, /quantity/);
  });
});
