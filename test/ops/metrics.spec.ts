import { expect } from 'chai';
import type { CaseEvent, CaseRecord, Order, OrderLine } from '../../bot/records.js';
import { DEMO_DATA } from '../../data/demo/demo-data.js';
import { caseCounts, returnRateByBatch, satisfaction, slaBreaches, stepTimes } from '../../ops/metrics.js';
import { returnSeries } from '../../ops/series.js';
import { quantile } from '../../ops/stats.js';
import type { Decision } from '../../policies/types.js';

const product = (sku: string) => DEMO_DATA.products.find((p) => p.sku === sku)!;
const line = (n: number, sku: string, quantity: number, batchId: string | null, supplierId: string | null): OrderLine =>
  ({ line: n, sku, quantity, unitPriceCents: 1000, batchId, supplierId, product: product(sku) });

const ORDERS: Order[] = [
  { id: '700001', customerId: 'C001', phone: '1', placedAt: '2026-11-01T00:00:00Z', deliveredAt: '2026-11-02T02:00:00Z',
    lines: [line(1, 'MILLET-500', 10, 'B-MIL-2611', 'S01'), line(2, 'MUG-350', 2, 'B-MUG-2609', 'S04')] },
  { id: '700002', customerId: 'C002', phone: '2', placedAt: '2026-11-01T00:00:00Z', deliveredAt: '2026-11-03T02:00:00Z',
    lines: [line(1, 'MILLET-500', 10, 'B-MIL-2610', 'S01'), line(2, 'LAMP-LED', 1, null, null)] },
  { id: '700003', customerId: 'C001', phone: '1', placedAt: '2026-11-01T00:00:00Z', deliveredAt: null, lines: [line(1, 'MILLET-500', 5, 'B-MIL-2611', 'S01')] },
];

const decision = {} as Decision;
const record = (id: string, orderId: string, lineNo: number, sku: string, quantity: number, reason: CaseRecord['reason'], channel: string, status: CaseRecord['status'] = 'closed'): CaseRecord => ({
  id, conversationId: `${channel}:u-${id}`, channel, userId: `u-${id}`, lang: 'zh-Hans', customerId: 'C001', orderId, line: lineNo, sku, quantity,
  reason, description: '', outcome: 'refund', status, decision, photoIds: [], createdAt: '2026-11-04T03:00:00Z', updatedAt: '2026-11-04T03:00:00Z',
});

const CASES: CaseRecord[] = [
  record('A', '700001', 1, 'MILLET-500', 3, 'quality', 'wechat'),
  record('B', '700001', 2, 'MUG-350', 1, 'changed_mind', 'web'),
  record('C', '700002', 1, 'MILLET-500', 1, 'quality', 'wechat'),
  record('D', '700002', 2, 'LAMP-LED', 1, 'transit_damage', 'web'),
  record('E', '700001', 1, 'MILLET-500', 2, 'quality', 'web', 'cancelled'), // withdrawn: not counted
];

const ev = (caseId: string, from: CaseEvent['from'], to: CaseEvent['to'], at: string, note = ''): CaseEvent =>
  ({ caseId, from, to, actor: 'bot', note, at });

describe('ops metrics', () => {
  it('counts cases and units by reason, product, batch, supplier and channel, leaving out withdrawn cases', () => {
    const counts = caseCounts(CASES, ORDERS);
    expect(counts.reason).to.deep.equal([
      { key: 'quality', cases: 2, units: 4 }, { key: 'changed_mind', cases: 1, units: 1 }, { key: 'transit_damage', cases: 1, units: 1 },
    ]);
    expect(counts.batch.map((c) => [c.key, c.cases, c.units])).to.deep.equal([
      ['(unknown)', 1, 1], ['B-MIL-2610', 1, 1], ['B-MIL-2611', 1, 3], ['B-MUG-2609', 1, 1],
    ]);
    expect(counts.supplier.map((c) => [c.key, c.cases])).to.deep.equal([['S01', 2], ['(unknown)', 1], ['S04', 1]]);
    expect(counts.product[0]).to.deep.equal({ key: 'MILLET-500', cases: 2, units: 4 });
    expect(counts.channel).to.deep.equal([{ key: 'web', cases: 2, units: 2 }, { key: 'wechat', cases: 2, units: 4 }]);
  });

  it('gives the return rate per batch as units returned over units delivered, undelivered orders aside', () => {
    const rates = returnRateByBatch(CASES, ORDERS);
    expect(rates.map((r) => [r.batchId, r.delivered, r.returned, r.rate])).to.deep.equal([
      ['B-MIL-2610', 10, 1, 0.1], ['B-MIL-2611', 10, 3, 0.3], ['B-MUG-2609', 2, 1, 0.5],
    ]);
    const firstDayOnly = returnRateByBatch(CASES, ORDERS, { from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z' });
    expect(firstDayOnly.map((r) => r.batchId)).to.deep.equal(['B-MIL-2611', 'B-MUG-2609']);
  });

  it('builds the daily series the anomaly test reads, by shop day', () => {
    const series = returnSeries(CASES, ORDERS, 'Asia/Shanghai');
    const bad = series.find((s) => s.batchId === 'B-MIL-2611')!;
    expect(bad).to.deep.equal({
      batchId: 'B-MIL-2611', sku: 'MILLET-500', supplierId: 'S01',
      days: [{ day: '2026-11-02', delivered: 10, returned: 0 }, { day: '2026-11-04', delivered: 0, returned: 3 }],
    });
    expect(series.find((s) => s.sku === 'LAMP-LED')!.batchId).to.equal(null);
  });

  it('times each step (median, p90) from the events, notes and open steps aside', () => {
    const events = [
      ev('A', null, 'awaiting_person', '2026-11-04T00:00:00Z'),
      ev('A', 'awaiting_person', 'awaiting_person', '2026-11-05T00:00:00Z', 'SLA breached: first_response'),
      ev('A', 'awaiting_person', 'approved', '2026-11-05T02:00:00Z'),
      ev('A', 'approved', 'refunded', '2026-11-05T03:00:00Z'),
      ev('A', 'refunded', 'closed', '2026-11-06T03:00:00Z'),
      ev('B', null, 'awaiting_person', '2026-11-04T00:00:00Z'),
      ev('B', 'awaiting_person', 'approved', '2026-11-04T02:00:00Z'),
      ev('C', null, 'awaiting_person', '2026-11-04T00:00:00Z'), // still open
    ];
    const times = stepTimes(events, new Date('2026-11-10T00:00:00Z'));
    const person = times.find((t) => t.step === 'awaiting_person')!;
    expect([person.count, person.medianHours, person.p90Hours]).to.deep.equal([2, 14, quantile([2, 26], 0.9)]);
    expect(times.find((t) => t.step === 'refunded')).to.deep.include({ count: 1, medianHours: 24 });
    expect(times.some((t) => t.step === 'closed')).to.equal(false);
    expect(slaBreaches(events)).to.deep.equal({
      total: 1, byDeadline: { first_response: 1 }, breaches: [{ caseId: 'A', deadline: 'first_response', at: '2026-11-05T00:00:00Z' }],
    });
  });

  it('sums satisfaction with each case counted once by its latest answer', () => {
    const result = satisfaction([
      { caseId: 'A', score: 2, comment: '太慢', at: '2026-11-06T00:00:00Z' },
      { caseId: 'A', score: 4, comment: null, at: '2026-11-07T00:00:00Z' },
      { caseId: 'B', score: 5, comment: '很好', at: '2026-11-06T00:00:00Z' },
      { caseId: 'C', score: 9, comment: null, at: '2026-11-06T00:00:00Z' },
    ]);
    expect(result.answered).to.equal(2);
    expect(result.average).to.equal(4.5);
    expect(result.distribution).to.deep.equal({ 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 });
    expect(result.comments.map((c) => c.comment)).to.deep.equal(['很好']);
    expect(Number.isNaN(satisfaction([]).average)).to.equal(true);
  });
});
