import { expect } from 'chai';
import { decide } from '../../policies/decide.js';
import type { CaseFacts, Decision, RuleId } from '../../policies/types.js';
import { documentedDefaults as rules } from '../support/documented-rules.js';


/** Two units at 120.00, unused and packed, with a photo: passes every rule unless a test says otherwise. */
function facts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    reason: 'quality',
    customerTier: 'regular',
    deliveredAt: '2026-11-13T09:00:00+08:00',
    category: 'goods',
    sku: 'KETTLE-1L',
    unitPriceCents: 12000,
    quantity: 2,
    condition: { unused: true, originalPackaging: true },
    photoCount: 2,
    ...overrides,
  };
}

/** Day 2 of the window for the default delivery. */
const now = new Date('2026-11-15T10:00:00+08:00');

/** A decision that grants something; only what differs from "no fees, nothing promised, 240.00" is written. */
function granted(parts: Pick<Decision, 'outcomes' | 'reasons'> & Partial<Decision>): Decision {
  return {
    refused: false,
    needsPerson: false,
    returnRequired: false,
    returnShippingPaidBy: null,
    fees: [],
    compensation: null,
    refundCents: 24000,
    ...parts,
  };
}

/** A refusal: nothing granted, nothing to send back, no person, the goods' value still stated. */
function refusedBy(reasons: RuleId[], refundCents = 24000): Decision {
  return granted({ outcomes: [], refused: true, refundCents, reasons });
}

/** What the default quality request gets: refund or exchange, parcel back at our cost. */
const qualityAccepted: Decision = granted({
  outcomes: ['refund', 'exchange'],
  returnRequired: true,
  returnShippingPaidBy: 'company',
  reasons: ['window.within', 'quality.unconditional', 'limit.within_auto'],
});

describe('decide()', () => {
  // Run the window cases with the server in zones on both sides of Shanghai: the answer must
  // depend on the shop's zone only. Node applies a changed process.env.TZ immediately.
  for (const serverZone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
    describe(`window, shop in Asia/Shanghai, server in ${serverZone}`, () => {
      const saved = process.env.TZ;
      before(() => {
        process.env.TZ = serverZone;
      });
      after(() => {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      });

      it('accepts on day 7 at 23:59 local after a 09:00 delivery', () => {
        const decision = decide(facts(), rules, new Date('2026-11-20T23:59:00+08:00'));
        expect(decision).to.deep.equal(qualityAccepted);
      });

      it('refuses on day 8 at 00:00 local after a 09:00 delivery', () => {
        const decision = decide(facts(), rules, new Date('2026-11-21T00:00:00+08:00'));
        expect(decision).to.deep.equal(refusedBy(['window.expired']));
      });

      it('counts a 23:50 delivery as day 0: day 7 23:59 accepted, day 8 00:00 refused', () => {
        const late = facts({ deliveredAt: '2026-11-13T23:50:00+08:00' });
        expect(decide(late, rules, new Date('2026-11-20T23:59:00+08:00'))).to.deep.equal(qualityAccepted);
        expect(decide(late, rules, new Date('2026-11-21T00:00:00+08:00'))).to.deep.equal(refusedBy(['window.expired']));
      });

      it('counts a 00:10 delivery (the previous day in UTC) from the local day', () => {
        // 2026-11-12T16:10Z is 2026-11-13 00:10 in Shanghai: day 0 is the 13th, not the 12th.
        const early = facts({ deliveredAt: '2026-11-12T16:10:00Z' });
        expect(decide(early, rules, new Date('2026-11-20T15:59:00Z'))).to.deep.equal(qualityAccepted);
        expect(decide(early, rules, new Date('2026-11-20T16:00:00Z'))).to.deep.equal(refusedBy(['window.expired']));
      });
    });
  }

  it('counts calendar days across a daylight-saving change in the shop zone', () => {
    // Berlin moves to +02:00 on 2026-03-29; day 7 still ends at local midnight, not 24 h × 8 later.
    const berlin = { ...rules, timezone: 'Europe/Berlin' };
    const delivered = facts({ deliveredAt: '2026-03-25T10:00:00+01:00' });
    expect(decide(delivered, berlin, new Date('2026-04-01T23:59:00+02:00'))).to.deep.equal(qualityAccepted);
    expect(decide(delivered, berlin, new Date('2026-04-02T00:00:00+02:00'))).to.deep.equal(refusedBy(['window.expired']));
  });

  it('honours a longer window from the rules', () => {
    const decision = decide(facts(), { ...rules, window: { days: 14 } }, new Date('2026-11-27T23:59:00+08:00'));
    expect(decision).to.deep.equal(qualityAccepted);
  });

  describe('quality problem', () => {
    it('takes goods back whatever their condition, return at our cost', () => {
      const used = facts({ condition: { unused: false, originalPackaging: false } });
      expect(decide(used, rules, now)).to.deep.equal(qualityAccepted);
    });

    it('does not ask for spoiled food to be sent back', () => {
      expect(decide(facts({ category: 'food' }), rules, now)).to.deep.equal(granted({
        outcomes: ['refund', 'exchange'],
        reasons: ['window.within', 'quality.unconditional', 'quality.food_no_return', 'limit.within_auto'],
      }));
    });

    it('asks for food back when the rules say so', () => {
      const returnFood = { ...rules, quality: { ...rules.quality, returnFood: true } };
      expect(decide(facts({ category: 'food' }), returnFood, now)).to.deep.equal(qualityAccepted);
    });
  });

  describe('damage in transit', () => {
    it('takes goods back at our cost and adds the coupon', () => {
      expect(decide(facts({ reason: 'transit_damage' }), rules, now)).to.deep.equal(granted({
        outcomes: ['refund', 'exchange'],
        returnRequired: true,
        returnShippingPaidBy: 'company',
        compensation: { kind: 'coupon', amount: 1000 },
        reasons: ['window.within', 'transit.free_return', 'transit.compensation', 'limit.within_auto'],
      }));
    });

    it('keeps damaged food and still compensates', () => {
      expect(decide(facts({ reason: 'transit_damage', category: 'food' }), rules, now)).to.deep.equal(granted({
        outcomes: ['refund', 'exchange'],
        compensation: { kind: 'coupon', amount: 1000 },
        reasons: ['window.within', 'transit.food_no_return', 'transit.compensation', 'limit.within_auto'],
      }));
    });

    it('gives no compensation when the rules give none', () => {
      const none = { ...rules, transitDamage: { ...rules.transitDamage, compensation: null } };
      expect(decide(facts({ reason: 'transit_damage' }), none, now)).to.deep.equal(granted({
        outcomes: ['refund', 'exchange'],
        returnRequired: true,
        returnShippingPaidBy: 'company',
        reasons: ['window.within', 'transit.free_return', 'limit.within_auto'],
      }));
    });
  });

  it('sends damage of unclear cause to a person and promises nothing', () => {
    expect(decide(facts({ reason: 'damage_unclear' }), rules, now)).to.deep.equal(granted({
      outcomes: ['refund', 'exchange'],
      needsPerson: true,
      reasons: ['window.within', 'damage.unclear_responsibility', 'limit.within_auto'],
    }));
  });

  it('reships a wrong item without asking for it back', () => {
    expect(decide(facts({ reason: 'wrong_item', category: 'food' }), rules, now)).to.deep.equal(granted({
      outcomes: ['reship'],
      reasons: ['window.within', 'wrong_item.reship'],
    }));
  });

  it('reships or refunds a missing item, no photo needed', () => {
    expect(decide(facts({ reason: 'missing_item', photoCount: 0 }), rules, now)).to.deep.equal(granted({
      outcomes: ['reship', 'refund'],
      reasons: ['window.within', 'missing_item.reship_or_refund', 'limit.within_auto'],
    }));
  });

  describe('not as described', () => {
    const accepted: Decision = granted({
      outcomes: ['refund', 'exchange'],
      returnRequired: true,
      returnShippingPaidBy: 'company',
      reasons: ['window.within', 'not_as_described.condition_ok', 'limit.within_auto'],
    });

    it('takes unused goods in their packaging back at our cost', () => {
      expect(decide(facts({ reason: 'not_as_described' }), rules, now)).to.deep.equal(accepted);
    });

    it('refuses used goods', () => {
      const used = facts({ reason: 'not_as_described', condition: { unused: false, originalPackaging: true } });
      expect(decide(used, rules, now)).to.deep.equal(refusedBy(['window.within', 'condition.not_met']));
    });

    it('refuses when the condition was never given', () => {
      const unknown = facts({ reason: 'not_as_described', condition: undefined });
      expect(decide(unknown, rules, now)).to.deep.equal(refusedBy(['window.within', 'condition.not_met']));
    });

    it('does not look at the condition when the rules do not require it', () => {
      const lenient = { ...rules, notAsDescribed: { ...rules.notAsDescribed, requireCondition: false } };
      const used = facts({ reason: 'not_as_described', condition: { unused: false, originalPackaging: false } });
      expect(decide(used, lenient, now)).to.deep.equal(accepted);
    });
  });

  describe('changed mind', () => {
    /** Accepted change of mind: the customer pays the parcel and the given handling fee. */
    function changedMind(refundCents: number, feeCents: number, limitReasons: RuleId[]): Decision {
      return granted({
        outcomes: ['refund', 'exchange'],
        returnRequired: true,
        returnShippingPaidBy: 'customer',
        fees: [{ kind: 'handling', cents: feeCents }],
        refundCents,
        reasons: ['window.within', 'changed_mind.handling_fee', 'changed_mind.customer_pays_shipping', ...limitReasons],
      });
    }

    it('charges 10% and lets the customer pay the parcel; no photo needed', () => {
      const decision = decide(facts({ reason: 'changed_mind', photoCount: 0 }), rules, now);
      expect(decision).to.deep.equal(changedMind(24000, 2400, ['limit.within_auto']));
    });

    it('charges at least the minimum fee', () => {
      const cheap = facts({ reason: 'changed_mind', unitPriceCents: 3000, quantity: 1 });
      expect(decide(cheap, rules, now)).to.deep.equal(changedMind(3000, 500, ['limit.within_auto']));
    });

    it('charges at most the maximum fee', () => {
      const dear = facts({ reason: 'changed_mind', unitPriceCents: 80000, quantity: 1, customerTier: 'member' });
      expect(decide(dear, rules, now)).to.deep.equal(changedMind(80000, 5000, ['limit.within_auto', 'member.higher_limit']));
    });

    it('never charges more than the goods are worth', () => {
      const tiny = facts({ reason: 'changed_mind', unitPriceCents: 300, quantity: 1 });
      expect(decide(tiny, rules, now)).to.deep.equal(changedMind(300, 300, ['limit.within_auto']));
    });

    it('refuses food, whatever its condition', () => {
      const food = facts({ reason: 'changed_mind', category: 'food' });
      expect(decide(food, rules, now)).to.deep.equal(refusedBy(['window.within', 'changed_mind.category_excluded']));
    });

    it('refuses goods out of their original packaging', () => {
      const opened = facts({ reason: 'changed_mind', condition: { unused: true, originalPackaging: false } });
      expect(decide(opened, rules, now)).to.deep.equal(refusedBy(['window.within', 'condition.not_met']));
    });

    it('refuses when the condition was never given', () => {
      const unknown = facts({ reason: 'changed_mind', condition: undefined });
      expect(decide(unknown, rules, now)).to.deep.equal(refusedBy(['window.within', 'condition.not_met']));
    });
  });

  it('sends a quality claim without photos to a person', () => {
    expect(decide(facts({ photoCount: 0 }), rules, now)).to.deep.equal({
      ...qualityAccepted,
      needsPerson: true,
      reasons: ['window.within', 'quality.unconditional', 'photos.missing', 'limit.within_auto'],
    });
  });

  describe('refund limits', () => {
    /** A quality claim of one item at the given price. */
    const claim = (unitPriceCents: number, customerTier: CaseFacts['customerTier']) =>
      decide(facts({ unitPriceCents, quantity: 1, customerTier }), rules, now);
    const quality = (refundCents: number, needsPerson: boolean, reasons: RuleId[]): Decision => ({
      ...qualityAccepted,
      refundCents,
      needsPerson,
      reasons: ['window.within', 'quality.unconditional', ...reasons],
    });

    it('grants up to the regular limit itself, and above it asks a person', () => {
      expect(claim(50000, 'regular')).to.deep.equal(quality(50000, false, ['limit.within_auto']));
      expect(claim(50001, 'regular')).to.deep.equal(quality(50001, true, ['limit.above_auto']));
    });

    it('multiplies the unit price by the quantity', () => {
      const decision = decide(facts({ unitPriceCents: 20000, quantity: 3 }), rules, now);
      expect(decision).to.deep.equal(quality(60000, true, ['limit.above_auto']));
    });

    it('says the member limit helped only when it did', () => {
      expect(claim(30000, 'member')).to.deep.equal(quality(30000, false, ['limit.within_auto']));
      expect(claim(60000, 'member')).to.deep.equal(quality(60000, false, ['limit.within_auto', 'member.higher_limit']));
      expect(claim(200001, 'member')).to.deep.equal(quality(200001, true, ['limit.above_auto']));
    });

    it('gives wholesale cases to a dedicated agent', () => {
      expect(claim(1000, 'wholesale')).to.deep.equal(quality(1000, true, ['limit.above_auto', 'tier.dedicated_agent']));
    });

    it('gives a dedicated agent even where no refund is at stake', () => {
      const decision = decide(facts({ reason: 'wrong_item', customerTier: 'wholesale' }), rules, now);
      expect(decision).to.deep.equal(granted({
        outcomes: ['reship'],
        needsPerson: true,
        reasons: ['window.within', 'wrong_item.reship', 'tier.dedicated_agent'],
      }));
    });
  });

  it('lets a refusal win over everything a person would otherwise look at', () => {
    const late = facts({ customerTier: 'wholesale', photoCount: 0, unitPriceCents: 900000 });
    const decision = decide(late, rules, new Date('2026-12-01T10:00:00+08:00'));
    expect(decision).to.deep.equal(refusedBy(['window.expired'], 1800000));
  });

  it('hands out copies, so a caller cannot change the rules through a decision', () => {
    const decision = decide(facts({ reason: 'transit_damage' }), rules, now);
    decision.outcomes.push('reship');
    decision.compensation!.amount = 1;
    expect(rules.transitDamage.outcomes).to.deep.equal(['refund', 'exchange']);
    expect(rules.transitDamage.compensation).to.deep.equal({ kind: 'coupon', amount: 1000 });
  });

  describe('rejects facts that would make the decision meaningless', () => {
    const cases: [string, Partial<CaseFacts>][] = [
      ['a delivery time without offset, which depends on the server zone', { deliveredAt: '2026-11-13T09:00:00' }],
      ['an unreadable delivery time', { deliveredAt: 'yesterday' }],
      ['a price that is not a number', { unitPriceCents: Number.NaN }],
      ['a fractional price', { unitPriceCents: 99.5 }],
      ['a quantity of 0', { quantity: 0 }],
      ['a negative photo count', { photoCount: -1 }],
    ];
    for (const [what, overrides] of cases) {
      it(what, () => {
        expect(() => decide(facts(overrides), rules, now)).to.throw(RangeError, /^decide\(\): /);
      });
    }

    it('an invalid now', () => {
      expect(() => decide(facts(), rules, new Date('nope'))).to.throw(RangeError, /now must be a valid date/);
    });
  });
});
