import { expect } from 'chai';
import { defaultRulesPath, loadRules } from '../../bot/rules-file.js';
import { DEMO_RULES } from '../../data/demo/demo-rules.js';
import { BAD_BATCH, BAD_SINCE_DAYS_AGO, demoHistory } from '../../data/demo/history.js';
import { seedDemoData } from '../../data/demo/seed.js';
import { seedDemoHistory } from '../../data/demo/seed-history.js';
import { handoverEscalation } from '../../data/demo/history-agents.js';
import { agentNumbers } from '../../ops/agents.js';
import { returnRateAnomalies, stepDurationAnomalies } from '../../ops/anomaly.js';
import { addDays, localDay } from '../../ops/days.js';
import { caseCounts, returnRateByBatch, satisfaction, slaBreaches } from '../../ops/metrics.js';
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

  describe('hand-overs', () => {
    const HOUR = 3_600_000;
    const escalations = history.escalations.map((e) => e.escalation);
    const caseById = new Map(history.cases.map((c) => [c.id, c]));
    const eventsOf = (caseId: string) => history.events.filter((e) => e.caseId === caseId);

    it('opens one for each case the rules left to a person, and none for the others', () => {
      const needing = history.cases.filter((c) => c.decision.needsPerson).map((c) => c.id);
      expect(needing.length).to.be.greaterThan(30);
      expect(escalations.map((e) => e.caseId)).to.deep.equal(needing);
      for (const e of escalations) {
        const record = caseById.get(e.caseId!)!;
        expect(e).to.include({ id: `E-${record.id}`, conversationId: record.conversationId, reason: 'rules', createdAt: record.createdAt, deskRef: null });
        expect(Date.parse(e.firstResponseDue) - Date.parse(e.createdAt)).to.equal(DEMO_RULES.timeline.firstFeedbackHours * HOUR);
        expect(Date.parse(e.reviewDue) - Date.parse(e.createdAt)).to.equal(DEMO_RULES.timeline.reviewHours * HOUR);
        expect(e.status === 'closed', e.id).to.equal(record.status !== 'awaiting_person');
      }
    });

    it('has each taken by one of three agents, who answer at different paces', () => {
      const agents = agentNumbers(escalations, history.cases, history.feedback);
      expect(agents.map((a) => a.id)).to.have.members(['U0AGENT01', 'U0AGENT02', 'U0AGENT03']);
      const medians = agents.map((a) => a.medianFirstResponseHours!).sort((a, b) => a - b);
      expect(medians[0]).to.be.within(0.1, 3);
      expect(medians[2]).to.be.above(3 * medians[1]!);
      expect(new Set(agents.map((a) => a.cases)).size).to.equal(3);
    });

    it('orders the times: opened with the case, claimed, then decided by the agent who claimed it', () => {
      for (const e of escalations) {
        const verdict = eventsOf(e.caseId!).find((ev) => ev.from === 'awaiting_person' && ev.to !== 'awaiting_person')!;
        expect(Date.parse(e.createdAt)).to.be.below(Date.parse(e.firstResponseAt!));
        expect(Date.parse(e.firstResponseAt!), e.id).to.be.below(Date.parse(verdict.at));
        if (verdict.to === 'cancelled') expect(verdict.actor).to.equal('customer');
        else expect([verdict.actor, verdict.note.startsWith(`${e.agent!.name}: `)], e.id).to.deep.equal(['agent', true]);
      }
      const deciding = history.events.filter((ev) => ev.actor === 'agent');
      expect(deciding.every((ev) => ev.from === 'awaiting_person' && ['approved', 'refused'].includes(ev.to))).to.equal(true);
    });

    it('misses a few deadlines, each a breach event of its case and a notice of its hand-over', () => {
      const { breaches, byDeadline } = slaBreaches(history.events);
      expect(byDeadline.first_response).to.be.within(2, 12);
      for (const e of escalations) {
        const noted = e.slaNotices.filter((n) => n.endsWith(':breached')).map((n) => n.split(':')[0]);
        expect(breaches.filter((b) => b.caseId === e.caseId).map((b) => b.deadline), e.id).to.deep.equal(noted);
        const late = Date.parse(e.firstResponseAt!) > Date.parse(e.firstResponseDue);
        expect(noted.includes('first_response'), e.id).to.equal(late);
      }
    });

    it('shows a hand-over waiting before the claim and claimed until the verdict', () => {
      const record = history.cases.find((c) => c.decision.needsPerson && c.status === 'closed')!;
      const done = escalations.find((e) => e.caseId === record.id)!;
      const created = Date.parse(record.createdAt);
      const claimed = Date.parse(done.firstResponseAt!);
      const handover = { agent: done.agent!, claimHours: (claimed - created) / HOUR, refusal: '' };
      const at = (now: number) => handoverEscalation(record, handover, eventsOf(record.id).filter((e) => Date.parse(e.at) <= now), new Date(now), DEMO_RULES);
      const waiting = at((created + claimed) / 2);
      expect(waiting.escalation).to.include({ status: 'waiting', agent: null, firstResponseAt: null });
      expect(waiting.updatedAt).to.equal(record.createdAt);
      const open = at(claimed + 60_000);
      expect(open.escalation).to.include({ status: 'claimed', firstResponseAt: done.firstResponseAt });
      expect(open.updatedAt).to.equal(done.firstResponseAt);
      expect(at(Date.parse(record.updatedAt)).escalation).to.deep.equal(done);
    });
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
      const counts = [count('cases'), count('case_events'), count('case_feedback'), count('conversations'), count('orders'), count('customers'), count('escalations')];
      expect(counts).to.deep.equal([
        history.cases.length, history.events.length, history.feedback.length, history.conversations.length, history.orders.length + 10, 5 + 40,
        history.escalations.length,
      ]);
      const { escalation } = history.escalations[0]!;
      expect(await store.findEscalation(escalation.id)).to.deep.equal(escalation);
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
