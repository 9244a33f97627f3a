import { expect } from 'chai';
import type { CaseStatus } from '../../bot/records.js';
import { seededRandom, type Random } from '../../data/demo/random.js';
import { returnRateAnomalies, stepDurationAnomalies, type UnitSeries } from '../../ops/anomaly.js';
import { addDays, daysEnding } from '../../ops/days.js';
import type { StepSpan } from '../../ops/steps.js';

const START = '2026-01-01';

/** A key's daily series: Poisson deliveries around `units`, each unit returned with the day's rate. */
function simulate(random: Random, key: string, days: number, units: number, rate: (i: number) => number): UnitSeries {
  return {
    batchId: key,
    sku: `SKU-${key}`,
    supplierId: `S-${key}`,
    days: Array.from({ length: days }, (_, i) => {
      const delivered = random.poisson(units);
      return { day: addDays(START, i), delivered, returned: random.binomial(delivered, rate(i)) };
    }),
  };
}

describe('returnRateAnomalies', () => {
  it('detects a batch going from 2 % to 8 % at 50 units a day within 7 days of the change, by day 5 at the median (20 batches)', () => {
    const random = seededRandom(7);
    const change = 60;
    const delays: number[] = [];
    for (let k = 0; k < 20; k++) {
      const bad = simulate(random, `B${k}`, change + 10, 50, (i) => (i >= change ? 0.08 : 0.02));
      let delay = Number.POSITIVE_INFINITY;
      for (let d = 0; d < 10; d++) {
        const found = returnRateAnomalies([bad], addDays(START, change + d));
        if (found.some((a) => a.kind === 'batch' && a.key === `B${k}`)) {
          delay = d + 1; // the change day itself counts as day 1
          break;
        }
      }
      delays.push(delay);
    }
    delays.sort((a, b) => a - b);
    expect(delays[delays.length - 1], `delays ${delays.join(',')}`).to.be.at.most(7);
    expect(delays[delays.length / 2], `delays ${delays.join(',')}`).to.be.at.most(5);
  });

  it('raises fewer than 3 false alarms per 1000 key-days on stable 2 % data (alpha = 0.001 per key per day; 50 keys × 365 days)', () => {
    const random = seededRandom(11);
    const warmUp = 35;
    const keys = Array.from({ length: 50 }, (_, k) => simulate(random, `K${k}`, warmUp + 365, 50, () => 0.02));
    let alarms = 0;
    for (let d = 0; d < 365; d++) {
      alarms += returnRateAnomalies(keys, addDays(START, warmUp + d)).length;
    }
    const expected = 0.001 * 50 * 365; // ≈ 18
    expect(alarms).to.be.at.most(3 * expected);
  });

  it('never alarms on a single return of a tiny batch', () => {
    const random = seededRandom(3);
    const tiny = Array.from({ length: 200 }, (_, k) => simulate(random, `T${k}`, 120, 0.3, () => 0.03));
    for (const day of daysEnding(addDays(START, 119), 60)) {
      expect(returnRateAnomalies(tiny, day).filter((a) => a.observed < 2)).to.deep.equal([]);
    }
    // A brand-new batch: no baseline at all, one unit delivered and returned.
    const fresh: UnitSeries = { batchId: 'NEW', sku: 'X', supplierId: 'S', days: [{ day: START, delivered: 1, returned: 1 }] };
    expect(returnRateAnomalies([fresh], START)).to.deep.equal([]);
  });

  it('reports a bad batch once, not again as its product and supplier, and says since when', () => {
    const random = seededRandom(5);
    const bad = { ...simulate(random, 'B2', 70, 40, (i) => (i >= 60 ? 0.2 : 0.02)), sku: 'MILLET', supplierId: 'S01' };
    const good = { ...simulate(random, 'B1', 70, 40, () => 0.02), sku: 'MILLET', supplierId: 'S01' };
    const found = returnRateAnomalies([bad, good], addDays(START, 66));
    expect(found.map((a) => [a.kind, a.key])).to.deep.equal([['batch', 'B2']]);
    expect(found[0]!.since >= addDays(START, 60) && found[0]!.since <= addDays(START, 63), found[0]!.since).to.equal(true);
    expect(found[0]!.observed).to.be.greaterThan(found[0]!.expected * 3);
    expect(found[0]!.message).to.contain('batch B2');
  });

  it('still flags a product when every batch of it rose a little', () => {
    const random = seededRandom(9);
    const batches = Array.from({ length: 4 }, (_, k) => ({
      ...simulate(random, `P${k}`, 70, 25, (i) => (i >= 60 ? 0.06 : 0.02)),
      sku: 'RICE',
      supplierId: 'S02',
    }));
    // The window (days 60–66) is all after the change; each batch alone is too small to be sure.
    const found = returnRateAnomalies(batches, addDays(START, 66));
    expect(found.some((a) => a.kind === 'product' && a.key === 'RICE'), JSON.stringify(found)).to.equal(true);
    expect(found.some((a) => a.kind === 'supplier')).to.equal(false);
  });
});

describe('stepDurationAnomalies', () => {
  const ZONE = 'UTC';
  const DAY = '2026-03-31';

  /** Stays in `step` ending on each of the last `days` days, log-normal around `median(dayIndex)` hours. */
  function stays(random: Random, step: CaseStatus, days: number, perDay: number, medianHours: (back: number) => number, sigma = 0.5): StepSpan[] {
    const spans: StepSpan[] = [];
    for (let back = 0; back < days; back++) {
      for (let j = 0; j < perDay; j++) {
        const hours = random.logNormal(medianHours(back), sigma);
        const left = new Date(Date.parse(`${addDays(DAY, -back)}T12:00:00Z`));
        spans.push({ caseId: `c${back}-${j}`, step, enteredAt: new Date(left.getTime() - hours * 3_600_000).toISOString(), leftAt: left.toISOString(), hours });
      }
    }
    return spans;
  }

  it('flags a step whose recent median doubled', () => {
    const random = seededRandom(1);
    const spans = stays(random, 'parcel_received', 35, 2, (back) => (back < 7 ? 40 : 12));
    const found = stepDurationAnomalies(spans, DAY, ZONE);
    expect(found.map((a) => a.key)).to.deep.equal(['parcel_received']);
    expect(found[0]!.ratio).to.be.greaterThan(2);
  });

  it('sees a stalled step through the stays still open', () => {
    const random = seededRandom(2);
    const spans = stays(random, 'awaiting_person', 35, 2, () => 6).filter((s) => Date.parse(s.leftAt!) < Date.parse(`${addDays(DAY, -6)}T00:00:00Z`));
    const now = Date.parse(`${DAY}T23:00:00Z`);
    for (let j = 0; j < 8; j++) {
      const entered = new Date(now - (30 + j) * 3_600_000).toISOString();
      spans.push({ caseId: `open${j}`, step: 'awaiting_person', enteredAt: entered, leftAt: null, hours: 30 + j });
    }
    expect(stepDurationAnomalies(spans, DAY, ZONE).map((a) => a.key)).to.deep.equal(['awaiting_person']);
  });

  it('stays quiet on stable steps: under 1 % of step-days at σ = 0.5 and σ = 1, never with few stays', () => {
    const random = seededRandom(4);
    for (const sigma of [0.5, 1]) {
      let alarms = 0;
      const trials = 200;
      for (let t = 0; t < trials; t++) {
        alarms += stepDurationAnomalies(stays(random, 'approved', 35, 2, () => 10, sigma), DAY, ZONE).length;
      }
      expect(alarms / trials, `σ = ${sigma}`).to.be.below(0.01);
    }
    const few = stays(random, 'approved', 35, 1, (back) => (back < 7 ? 100 : 10)).filter((_, i) => i >= 3);
    expect(stepDurationAnomalies(few, DAY, ZONE)).to.deep.equal([]);
  });
});
