import { expect } from 'chai';
import { isCoded } from '../../bot/errors.js';
import { seedDemoData } from '../../data/demo/seed.js';
import { AT, DECISION, caseEvent, caseRecord, conversation, openTempStore, rejectionOf, turn, type TempStore } from './fixtures.js';

describe('SqliteStore cases', () => {
  let temp: TempStore;
  beforeEach(async () => {
    temp = await openTempStore();
    await seedDemoData(temp.store, new Date(AT));
  });
  afterEach(async () => { await temp.dispose(); });

  describe('nextCaseId', () => {
    it('numbers the cases of each day from 1', async () => {
      expect(await temp.store.nextCaseId('20261122')).to.equal('RB-20261122-0001');
      expect(await temp.store.nextCaseId('20261122')).to.equal('RB-20261122-0002');
      expect(await temp.store.nextCaseId('20261123')).to.equal('RB-20261123-0001');
      expect(await temp.store.nextCaseId('20261122')).to.equal('RB-20261122-0003');
    });

    it('refuses a day that is not YYYYMMDD', async () => {
      const error = await rejectionOf(temp.store.nextCaseId('2026-11-22'));
      expect(isCoded(error, 'store_failed')).to.equal(true);
    });
  });

  it('creates a case with its event and reads it back by id, customer and conversation', async () => {
    const record = { ...caseRecord('RB-20261122-0001'), photoIds: ['a'.repeat(64)] };
    await temp.store.saveTurn(turn({
      cases: [{ kind: 'create', record, event: caseEvent(record.id, null, 'approved') }],
    }));
    expect(await temp.store.findCase(record.id)).to.deep.equal(record);
    expect(await temp.store.casesOfCustomer('C001')).to.deep.equal([record]);
    expect(await temp.store.casesOfConversation('web:u1')).to.deep.equal([record]);
    expect(await temp.store.findCase('RB-none')).to.equal(null);
    expect(await temp.store.casesOfCustomer('C002')).to.deep.equal([]);
  });

  it('applies a transition: status, patched fields, updated time and an event', async () => {
    const record = caseRecord('RB-20261122-0001');
    await temp.store.saveTurn(turn({
      cases: [{ kind: 'create', record, event: caseEvent(record.id, null, 'awaiting_person') }],
    }));
    const later = '2026-11-22T05:00:00.000Z';
    const decision = { ...DECISION, outcomes: ['refund' as const] };
    await temp.store.saveTurn(turn({
      messageId: 'm2',
      expectedVersion: 1,
      at: later,
      cases: [{
        kind: 'transition',
        caseId: record.id,
        to: 'approved',
        patch: { outcome: 'refund', decision },
        event: caseEvent(record.id, 'awaiting_person', 'approved', later),
      }],
    }));
    expect(await temp.store.findCase(record.id)).to.deep.equal({
      ...record, status: 'approved', outcome: 'refund', decision, updatedAt: later,
    });
    const events = temp.store.db.prepare('SELECT from_status, to_status, at FROM case_events ORDER BY id').all();
    expect(events).to.deep.equal([
      { from_status: null, to_status: 'awaiting_person', at: AT },
      { from_status: 'awaiting_person', to_status: 'approved', at: later },
    ]);
  });

  it('keeps fields a transition does not patch, and can clear the outcome', async () => {
    const record = { ...caseRecord('RB-20261122-0001'), outcome: 'exchange' as const };
    await temp.store.saveTurn(turn({ cases: [{ kind: 'create', record, event: caseEvent(record.id, null, 'approved') }] }));
    const transition = (messageId: string, expectedVersion: number, patch: { outcome?: null }) => temp.store.saveTurn(turn({
      messageId,
      expectedVersion,
      cases: [{ kind: 'transition', caseId: record.id, to: 'approved', patch, event: caseEvent(record.id, 'approved', 'approved') }],
    }));
    await transition('m2', 1, {});
    expect(await temp.store.findCase(record.id)).to.deep.include({ outcome: 'exchange', decision: DECISION });
    await transition('m3', 2, { outcome: null });
    expect(await temp.store.findCase(record.id)).to.deep.include({ outcome: null, decision: DECISION });
  });

  it('keeps every satisfaction answer of a case', async () => {
    const record = caseRecord('RB-1');
    await temp.store.saveTurn(turn({ cases: [{ kind: 'create', record, event: caseEvent(record.id, null, 'closed') }] }));
    await temp.store.saveTurn(turn({
      messageId: 'm2',
      expectedVersion: 1,
      cases: [
        { kind: 'feedback', caseId: record.id, score: 4, comment: null, at: AT },
        { kind: 'feedback', caseId: record.id, score: 5, comment: '很快', at: AT },
      ],
    }));
    const rows = temp.store.db.prepare('SELECT case_id, score, comment, at FROM case_feedback ORDER BY id').all();
    expect(rows).to.deep.equal([
      { case_id: 'RB-1', score: 4, comment: null, at: AT },
      { case_id: 'RB-1', score: 5, comment: '很快', at: AT },
    ]);
    const error = await rejectionOf(temp.store.saveTurn(turn({
      messageId: 'm3',
      expectedVersion: 2,
      cases: [{ kind: 'feedback', caseId: 'RB-none', score: 1, comment: null, at: AT }],
    })));
    expect(isCoded(error, 'store_failed')).to.equal(true);
  });

  it('fails the turn when a transition names an unknown case', async () => {
    const error = await rejectionOf(temp.store.saveTurn(turn({
      cases: [{ kind: 'transition', caseId: 'RB-none', to: 'closed', patch: {}, event: caseEvent('RB-none', 'approved', 'closed') }],
    })));
    expect(isCoded(error, 'store_failed')).to.equal(true);
    expect(await temp.store.loadConversation('web', 'u1')).to.equal(null);
  });

  it('lists a conversation\'s cases only', async () => {
    await temp.store.saveTurn(turn({
      cases: [{ kind: 'create', record: caseRecord('RB-1'), event: caseEvent('RB-1', null, 'approved') }],
    }));
    await temp.store.saveTurn(turn({
      messageId: 'm2',
      conversation: conversation('u2'),
      cases: [{ kind: 'create', record: caseRecord('RB-2', 'web:u2'), event: caseEvent('RB-2', null, 'approved') }],
    }));
    expect((await temp.store.casesOfConversation('web:u2')).map((c) => c.id)).to.deep.equal(['RB-2']);
    expect((await temp.store.casesOfCustomer('C001')).map((c) => c.id)).to.deep.equal(['RB-1', 'RB-2']);
  });
});
