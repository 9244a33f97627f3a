import { expect } from 'chai';
import { defaultRulesPath, loadRules } from '../../bot/rules-file.js';
import { DEMO_RULES } from '../../data/demo/demo-rules.js';
import { BAD_BATCH, BAD_SINCE_DAYS_AGO, demoHistory } from '../../data/demo/history.js';
import { seedDemoData } from '../../data/demo/seed.js';
import { seedDemoHistory } from '../../data/demo/seed-history.js';
import { returnRateAnomalies, stepDurationAnomalies } from '../../ops/anomaly.js';
import { addDays, localDay } from '../../ops/days.js';
import { caseCounts, returnRateByBatch, satisfaction } from '../../ops/metrics.js';
import { returnSeries } from '../../ops/series.js';
import { stepSpans } from '../../ops/steps.js';
import { canMove } from '../../bot/lifecycle/transitions.js';
import { openTempStore } from '../data/fixtures.js';

const NOW = new Date('2026-11-22T04:00:00.000Z');
const ZONE = 'Asia/Shanghai';

describe('demoHistory', () => {
  const history = demoHistory(NOW);

  it('is the same for the same seed, different for another', () => {
    expect(demoHistory(NOW)).to.deep.equal(history);
    expect(demoHistory(NOW, 43).cases.length).not.to.equal(history.cases.length);
  });

  it('is a few hundred cases over about 60 days, with orders 7xxxxx of its own shoppers, all in the past', () => {
    expect(history.cases.length).to.be.within(200, 400);
    const shoppers = new Set(history.customers.map((c) => c.id));
    expect(shoppers.size).to.equal(40);
    expect([...shoppers].every((id) => /^H\d{3}$/.test(id))).to.equal(true);
    expect(history.customers.filter((c) => c.tier === 'wholesale')).to.have.length(1);
    expect(history.orders.every((o) => /^7\d{5}$/.test(o.id) && shoppers.has(o.customerId))).to.equal(true);
    expect(history.cases.every((c) => shoppers.has(c.customerId))).to.equal(true);
    const times = [...history.cases.map((c) => c.createdAt), ...history.events.map((e) => e.at), ...history.feedback.map((f) => f.at)];
    expect(times.every((t) => Date.parse(t) <= NOW.getTime())).to.equal(true);
    expect(new Set(history.cases.map((c) => c.id)).size).to.equal(history.cases.length);
    expect(new Set(history.conversations.map((c) => c.id)).size).to.equal(history.conversations.length);
    expect(history.feedback.length).to.be.greaterThan(50);
  });

  it('moves every case only along the lifecycle, ending in the status recorded', () => {
    for (const record of history.cases) {
      const events = history.events.filter((e) => e.caseId === record.id);
      expect(events[0]!.from).to.equal(null);
      for (const e of events.slice(1)) {
        if (e.from !== e.to) expect(canMove(e.from!, e.to), `${record.id} ${e.from} → ${e.to}`).to.equal(true);
      }
      expect(events[events.length - 1]!.to).to.equal(record.status);
    }
  });

  it('shows the bad batch: its return rate is several times higher over the last 12 days', () => {
    const cut = new Date(NOW.getTime() - BAD_SINCE_DAYS_AGO * 86_400_000).toISOString();
    const before = returnRateByBatch(history.cases, history.orders, { from: '2026-01-01T00:00:00Z', to: cut });
    const after = returnRateByBatch(history.cases, history.orders, { from: cut, to: NOW.toISOString() });
    const rate = (rates: typeof before, id: string) => rates.find((r) => r.batchId === id)!.rate;
    expect(rate(before, BAD_BATCH)).to.be.below(0.04);
    expect(rate(after, BAD_BATCH)).to.be.above(0.1);
    for (const r of after.filter((r) => r.batchId !== BAD_BATCH)) expect(r.rate, r.batchId).to.be.below(0.06);
    const recent = history.cases.filter((c) => c.createdAt >= cut);
    expect(caseCounts(recent, history.orders).batch[0]!.key).to.equal(BAD_BATCH);
    expect(satisfaction(history.feedback).average).to.be.within(3, 4.6);
  });

  it('makes ops/anomaly.ts flag B-MIL-2611 and nothing else on the last full day', () => {
    const day = addDays(localDay(NOW, ZONE), -1);
    const rates = returnRateAnomalies(returnSeries(history.cases, history.orders, ZONE), day);
    expect(rates.map((a) => [a.kind, a.key])).to.deep.equal([['batch', BAD_BATCH]]);
    expect(rates[0]!.since >= addDays(localDay(NOW, ZONE), -BAD_SINCE_DAYS_AGO)).to.equal(true);
    expect(stepDurationAnomalies(stepSpans(history.events, NOW), day, ZONE)).to.deep.equal([]);
  });

  it('generates with the shipped rules', () => {
    expect(DEMO_RULES).to.deep.equal(loadRules(defaultRulesPath));
  });
});

describe('seedDemoHistory', () => {
  it('inserts the history once, into the demo shop, and moves the case counters past it', async () => {
    const temp = await openTempStore();
    try {
      const { store } = temp;
      await seedDemoData(store, NOW);
      const count = (table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      const history = demoHistory(NOW);
      expect(await seedDemoHistory(store, NOW)).to.equal(true);
      const counts = [count('cases'), count('case_events'), count('case_feedback'), count('conversations'), count('orders'), count('customers')];
      expect(counts).to.deep.equal([
        history.cases.length, history.events.length, history.feedback.length, history.conversations.length, history.orders.length + 10, 5 + 40,
      ]);
      for (const demo of ['C001', 'C002', 'C003', 'C004', 'C005']) expect(await store.casesOfCustomer(demo), demo).to.deep.equal([]);
      expect(await seedDemoHistory(store, new Date(NOW.getTime() + 86_400_000))).to.equal(false);
      expect(count('cases')).to.equal(history.cases.length);

      const last = history.cases[history.cases.length - 1]!;
      expect(await store.findCase(last.id)).to.deep.equal(last);
      expect(await store.caseEvents(last.id)).to.deep.equal(history.events.filter((e) => e.caseId === last.id));
      const day = last.id.split('-')[1]!;
      const next = await store.nextCaseId(day);
      expect(history.cases.some((c) => c.id === next), next).to.equal(false);
    } finally {
      await temp.dispose();
    }
  });
});
