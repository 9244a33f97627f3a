import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { Escalation } from '../../bot/desk.js';
import { BAD_BATCH } from '../../data/demo/history.js';
import { agentNumbers } from '../../ops/agents.js';
import { pngPhoto } from '../support/images.js';
import { NOW, numbersOverHistory, shopDays, type NumbersFixture } from './numbers-support.js';

const sum = (counts: { cases: number }[]) => counts.reduce((s, c) => s + c.cases, 0);

describe('Numbers: the dashboard over the demo history', () => {
  let fixture: NumbersFixture;
  before(async () => {
    fixture = await numbersOverHistory();
  });
  after(async () => {
    await fixture.dispose();
  });

  it('puts B-MIL-2611 first by return rate over the last 14 days, and not over days 60–20', async () => {
    const recent = await fixture.numbers.dashboard(shopDays(13, 0));
    expect(recent.returnRates[0]!.batchId).to.equal(BAD_BATCH);
    expect(recent.returnRates[0]!.rate).to.be.above(2 * recent.returnRates[1]!.rate!);
    const earlier = await fixture.numbers.dashboard(shopDays(60, 20));
    expect(earlier.returnRates.map((r) => r.batchId)).to.include(BAD_BATCH);
    expect(earlier.returnRates[0]!.batchId).not.to.equal(BAD_BATCH);
  });

  it('defaults to the last 30 shop days, today included, one trend point per day', async () => {
    const dashboard = await fixture.numbers.dashboard({});
    expect(dashboard.period).to.include({ from: shopDays(29, 0).from, to: shopDays(29, 0).to, firstDay: '2026-10-24', lastDay: '2026-11-22', zone: 'Asia/Shanghai' });
    expect(dashboard.daily).to.have.length(30);
    expect(dashboard.daily[0]!.day).to.equal('2026-10-24');
  });

  it('adds up: every breakdown, the trend and the case list count the same cases', async () => {
    const dashboard = await fixture.numbers.dashboard({});
    const { totals, counts } = dashboard;
    expect(totals.cases).to.be.greaterThan(100);
    for (const dimension of ['reason', 'product', 'batch', 'supplier', 'channel'] as const) {
      expect(sum(counts[dimension]), dimension).to.equal(totals.cases);
      expect(counts[dimension].reduce((s, c) => s + c.units, 0), dimension).to.equal(totals.units);
    }
    expect(sum(dashboard.daily)).to.equal(totals.cases);
    expect(dashboard.returnRates.reduce((s, r) => s + r.delivered, 0)).to.equal(totals.deliveredUnits);
    const list = await fixture.numbers.cases({}, { page: 1, pageSize: 50 });
    expect(list.total).to.equal(totals.cases + totals.withdrawn);
    expect(Object.values(dashboard.satisfaction.distribution).reduce((s, n) => s + n, 0)).to.equal(dashboard.satisfaction.answered);
    expect(dashboard.sla.total).to.equal(totals.slaBreaches).and.to.be.greaterThan(0);
    expect(dashboard.agents.map((a) => a.name)).to.have.members(['客服小王', '客服小李', 'Emma']);
    expect(Object.values(dashboard.sla.byDeadline).reduce((s, n) => s + n, 0)).to.equal(dashboard.sla.total);
  });

  it('narrows everything to one batch when filtered by it', async () => {
    const all = await fixture.numbers.dashboard({});
    const one = await fixture.numbers.dashboard({ batch: BAD_BATCH });
    expect(one.totals.cases).to.be.within(1, all.totals.cases - 1);
    expect(one.counts.batch.map((c) => c.key)).to.deep.equal([BAD_BATCH]);
    expect(one.counts.product.map((c) => c.key)).to.deep.equal(['MILLET-500']);
    expect(one.counts.supplier.map((c) => c.key)).to.deep.equal(['S01']);
    expect(one.returnRates.map((r) => r.batchId)).to.deep.equal([BAD_BATCH]);
    expect(sum(one.daily)).to.equal(one.totals.cases);
    expect(one.satisfaction.answered).to.be.below(all.satisfaction.answered);
    expect(one.steps.reduce((s, step) => s + step.count, 0)).to.be.below(all.steps.reduce((s, step) => s + step.count, 0));
    // The drop-downs still offer every choice.
    expect(one.choices.batches).to.have.length(8);
    const rows = await fixture.numbers.cases({ batch: BAD_BATCH }, { page: 1, pageSize: 200 });
    expect(rows.total).to.equal(one.totals.cases + one.totals.withdrawn);
    expect(rows.rows.every((r) => r.batchId === BAD_BATCH)).to.equal(true);
  });

  it('combines filters: channel and reason narrow the counts to themselves', async () => {
    const dashboard = await fixture.numbers.dashboard({ channel: 'web', reason: 'quality' });
    expect(dashboard.counts.channel.map((c) => c.key)).to.deep.equal(['web']);
    expect(dashboard.counts.reason.map((c) => c.key)).to.deep.equal(['quality']);
  });

  it('times each step with median ≤ p90, in hours', async () => {
    const { steps } = await fixture.numbers.dashboard({});
    expect(steps.map((s) => s.step)).to.include.members(['approved', 'awaiting_parcel', 'parcel_in_transit', 'parcel_received', 'refunded']);
    for (const step of steps) {
      expect(step.count, step.step).to.be.greaterThan(0);
      expect(step.medianHours, step.step).to.be.at.most(step.p90Hours);
    }
    const transit = steps.find((s) => s.step === 'parcel_in_transit')!;
    expect(transit.medianHours).to.be.within(24, 72);
  });

  it('offers the drop-downs: products in three languages, batches with sku and supplier, suppliers, channels, reasons', async () => {
    const { choices } = await fixture.numbers.dashboard({});
    expect(choices.products.find((p) => p.sku === 'MILLET-500')!.names).to.deep.equal({ 'zh-Hans': '小米 500g', 'zh-Hant': '小米 500g', 'en': 'Millet 500g' });
    expect(choices.batches.find((b) => b.id === BAD_BATCH)).to.deep.equal({ id: BAD_BATCH, sku: 'MILLET-500', supplierId: 'S01' });
    expect(choices.suppliers.find((s) => s.id === 'S01')).to.deep.equal({ id: 'S01', name: '禾丰农场', nameEn: 'Hefeng Farm' });
    expect(choices.channels).to.deep.equal(['web', 'wechat']);
    expect(choices.reasons.find((r) => r.id === 'quality')!.names).to.deep.equal({ 'en': 'Quality problem', 'zh-Hans': '质量问题' });
    expect(choices.reasons).to.have.length(7);
  });

  it('lists cases newest first, page by page, with customer names, batch, supplier and refunds', async () => {
    const first = await fixture.numbers.cases({}, { page: 1, pageSize: 20 });
    const second = await fixture.numbers.cases({}, { page: 2, pageSize: 20 });
    expect(first.rows).to.have.length(20);
    const created = [...first.rows, ...second.rows].map((r) => r.createdAt);
    expect(created).to.deep.equal([...created].sort().reverse());
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).to.equal(40);
    const row = first.rows[0]!;
    expect(row.customerId).to.match(/^H\d{3}$/);
    expect(row.customerName).to.be.a('string');
    expect(row.batchId).to.be.a('string');
    expect(row.supplierId).to.match(/^S0\d$/);
    expect(row.crisisId).to.equal(null);
    const refunded = (await fixture.numbers.cases({}, { page: 1, pageSize: 200 })).rows.find((r) => r.outcome === 'refund')!;
    expect(refunded.refundCents).to.be.greaterThan(0);
    const beyond = await fixture.numbers.cases({}, { page: 1000, pageSize: 20 });
    expect(beyond.rows).to.deep.equal([]);
    expect(beyond.total).to.equal(first.total);
  });
});

describe('Numbers: one case in full', () => {
  let fixture: NumbersFixture;
  before(async () => {
    fixture = await numbersOverHistory();
  });
  after(async () => {
    await fixture.dispose();
  });

  const withPhotos = async () => {
    const { rows } = await fixture.numbers.cases({}, { page: 1, pageSize: 200 });
    const records = await Promise.all(rows.map((r) => fixture.store.findCase(r.id)));
    return records.filter((r) => r !== null && r.photoIds.length > 0 && r.decision.reasons.includes('quality.unconditional'));
  };

  it('shows the case, its product, batch, supplier, masked customer, timeline and the rules in plain words, en and zh-Hans', async () => {
    const [record] = await withPhotos();
    const detail = (await fixture.numbers.caseDetail(record!.id))!;
    expect(detail.case.id).to.equal(record!.id);
    expect(detail.product!.names.en).to.be.a('string');
    expect(detail.batchId).to.match(/^B-/);
    expect(detail.supplier!.nameEn).to.be.a('string');
    expect(detail.customer!.phone).to.match(/^•••• \d{4}$/);
    expect(detail.timeline[0]).to.include({ caseId: record!.id, from: null });
    expect(detail.timeline.every((e) => typeof e.actor === 'string' && typeof e.note === 'string')).to.equal(true);
    const quality = detail.decision.rules.find((r) => r.id === 'quality.unconditional')!;
    expect(quality.reason).to.deep.equal({ 'en': 'Quality problems are always covered.', 'zh-Hans': '质量问题包退换。' });
    const window = detail.decision.rules.find((r) => r.id === 'window.within')!;
    expect(window.reason!.en).to.equal('Your request is within 7 days of delivery.');
    expect(detail.decision.rules.map((r) => r.id)).to.deep.equal(record!.decision.reasons);
  });

  it('shows a rule id without words as the id alone, and the crisis of a decision', async () => {
    const [record] = await withPhotos();
    const decision = { ...record!.decision, reasons: [...record!.decision.reasons, 'crisis.preset', 'future.rule'], crisisId: 'CR-1' };
    fixture.store.db.prepare('UPDATE cases SET decision_json = ? WHERE id = ?').run(JSON.stringify(decision), record!.id);
    const detail = (await fixture.numbers.caseDetail(record!.id))!;
    expect(detail.decision.rules.at(-1)).to.deep.equal({ id: 'future.rule', reason: null });
    expect(detail.decision.rules.at(-2)!.reason!.en).to.match(/solution/);
    expect(detail.case.crisisId).to.equal('CR-1');
    const row = (await fixture.numbers.cases({}, { page: 1, pageSize: 1000 })).rows.find((r) => r.id === record!.id)!;
    expect(row.crisisId).to.equal('CR-1');
  });

  it('shows the conversation as the transcript and the feedback', async () => {
    const [record] = await withPhotos();
    await fixture.store.saveTurn({
      inbound: { channel: record!.channel, messageId: 'later-1', text: '退款到了吗?', attachmentCount: 0 },
      conversation: { id: record!.conversationId, channel: record!.channel, userId: record!.userId, version: 1, customerId: record!.customerId, state: null, updatedAt: NOW.toISOString() },
      expectedVersion: 1,
      replies: [{ text: '已经退款了。' }],
      cases: [{ kind: 'feedback', caseId: record!.id, score: 2, comment: '太慢', at: NOW.toISOString() }],
      at: NOW.toISOString(),
    });
    const detail = (await fixture.numbers.caseDetail(record!.id))!;
    expect(detail.transcript.map((m) => [m.direction, m.text])).to.deep.equal([['in', '退款到了吗?'], ['out', '已经退款了。']]);
    expect(detail.feedback.at(-1)).to.include({ score: 2, comment: '太慢' });
  });

  it('is null for an unknown case', async () => {
    expect(await fixture.numbers.caseDetail('RB-20260101-9999')).to.equal(null);
  });

  it('serves a photo of the case, and not the same photo asked for under another case', async () => {
    const [a, b] = await withPhotos();
    const data = pngPhoto(7);
    const id = createHash('sha256').update(data).digest('hex');
    fixture.store.db.prepare('UPDATE cases SET photo_ids_json = ? WHERE id = ?').run(JSON.stringify([id]), a!.id);
    await fixture.store.savePhoto({ id, mime: 'image/png', bytes: data.length, conversationId: a!.conversationId, createdAt: NOW.toISOString() }, data);
    expect(await fixture.numbers.casePhoto(a!.id, id)).to.deep.equal({ mime: 'image/png', data });
    expect(await fixture.numbers.casePhoto(b!.id, id)).to.equal(null);
    expect(await fixture.numbers.casePhoto('RB-20260101-9999', id)).to.equal(null);
    const detail = (await fixture.numbers.caseDetail(a!.id))!;
    expect(detail.photos).to.have.length(1);
    expect(detail.photos[0]).to.include({ id, mime: 'image/png', url: `cases/${a!.id}/photos/${id}` });
  });
});

describe('agentNumbers', () => {
  const handover = (id: string, agent: string | null, caseId: string | null, answeredAfterHours: number | null): Escalation => ({
    id, conversationId: `web:${id}`, channel: 'web', userId: id, lang: 'zh-Hans', caseId, reason: 'rules', status: 'closed',
    agent: agent ? { id: agent, name: agent === 'U1' ? '客服小王' : 'Amy' } : null,
    createdAt: '2026-11-01T00:00:00.000Z', firstResponseDue: '2026-11-02T00:00:00.000Z', reviewDue: '2026-11-03T00:00:00.000Z',
    firstResponseAt: answeredAfterHours === null ? null : new Date(Date.parse('2026-11-01T00:00:00.000Z') + answeredAfterHours * 3_600_000).toISOString(),
    slaNotices: [], deskRef: null,
  });

  it('counts each agent’s cases, their median first answer and their customers’ satisfaction', () => {
    const rows = agentNumbers(
      [handover('e1', 'U1', 'RB-1', 1), handover('e2', 'U1', 'RB-2', 3), handover('e3', 'U1', 'RB-3', null), handover('e4', 'U2', 'RB-4', 10), handover('e5', null, 'RB-5', null)],
      [],
      [{ caseId: 'RB-1', score: 5, comment: null, at: '2026-11-05T00:00:00Z' }, { caseId: 'RB-2', score: 2, comment: null, at: '2026-11-05T00:00:00Z' }],
    );
    expect(rows).to.deep.equal([
      { id: 'U1', name: '客服小王', cases: 3, handovers: 3, medianFirstResponseHours: 2, averageSatisfaction: 3.5, answered: 2 },
      { id: 'U2', name: 'Amy', cases: 1, handovers: 1, medianFirstResponseHours: 10, averageSatisfaction: null, answered: 0 },
    ]);
  });
});
