import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { isCoded } from '../../bot/errors.js';
import type { TimerWrite } from '../../bot/records.js';
import { seedDemoData } from '../../data/demo/seed.js';
import { MIGRATIONS } from '../../data/sqlite/migrations.js';
import { openSqliteStore } from '../../data/sqlite/sqlite-store.js';
import { AT, caseEvent, caseRecord, conversation, openTempStore, rejectionOf, turn, type TempStore } from './fixtures.js';

/** Due at the end of Monday 2026-11-23 in Shanghai, written with an offset as a caller may. */
const DUE_LOCAL = '2026-11-23T23:59:59.999+08:00';
const DUE = '2026-11-23T15:59:59.999Z';
const refundDue = (subject = 'RB-20261122-0001', dueAt = DUE_LOCAL): TimerWrite => ({ kind: 'refund_due', subject, dueAt });
const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta).toISOString();
const LONG_AGO = '2000-01-01T00:00:00.000Z';

describe('SqliteStore timers', () => {
  let temp: TempStore;
  beforeEach(async () => { temp = await openTempStore(); });
  afterEach(async () => { await temp.dispose(); });

  /** A later turn of the same conversation, setting `timers`. */
  const laterTurn = (version: number, timers: TimerWrite[]) =>
    turn({ messageId: `m${version + 1}`, conversation: { ...conversation(), version }, expectedVersion: version, timers });

  it('writes the timers of a turn, with the due time in UTC', async () => {
    await temp.store.saveTurn(turn({ timers: [refundDue(), { kind: 'parcel_reminder', subject: 'RB-20261122-0001', dueAt: '2026-11-25T02:00:00Z' }] }));
    const pending = await temp.store.pendingTimers('RB-20261122-0001');
    expect(pending.map(({ kind, subject, dueAt }) => ({ kind, subject, dueAt }))).to.deep.equal([
      { kind: 'refund_due', subject: 'RB-20261122-0001', dueAt: DUE },
      { kind: 'parcel_reminder', subject: 'RB-20261122-0001', dueAt: '2026-11-25T02:00:00.000Z' },
    ]);
    expect(pending[0]!.id).to.be.a('number');
    expect(await temp.store.pendingTimers('RB-20261122-0002')).to.deep.equal([]);
  });

  it('writes no timer when the turn is refused', async () => {
    await temp.store.saveTurn(turn());
    const duplicate = await rejectionOf(temp.store.saveTurn(turn({ timers: [refundDue()] })));
    expect(isCoded(duplicate, 'duplicate_message')).to.equal(true);
    const stale = await rejectionOf(temp.store.saveTurn(turn({ messageId: 'm2', timers: [refundDue()] }))); // still at version 0
    expect(isCoded(stale, 'stale_state')).to.equal(true);
    expect(await temp.store.pendingTimers('RB-20261122-0001')).to.deep.equal([]);
  });

  it('refuses a due time without a zone, and writes nothing of the turn', async () => {
    const error = await rejectionOf(temp.store.saveTurn(turn({ timers: [refundDue('RB-1', '2026-11-23T23:59:59')] })));
    expect(isCoded(error, 'store_failed')).to.equal(true);
    expect((error as Error).message).to.match(/^SqliteStore\.saveTurn\(\): timer refund_due\/RB-1 dueAt must be an ISO-8601 instant/);
    expect(await temp.store.loadConversation('web', 'u1')).to.equal(null);
  });

  it('keeps the first timer of a kind still pending for a subject', async () => {
    await temp.store.saveTurn(turn({ timers: [refundDue(), refundDue('RB-20261122-0001', '2026-11-30T00:00:00Z')] }));
    await temp.store.saveTurn(laterTurn(1, [refundDue('RB-20261122-0001', '2026-12-01T00:00:00Z'), refundDue('RB-20261122-0002')]));
    const first = await temp.store.pendingTimers('RB-20261122-0001');
    expect(first.map(timer => timer.dueAt)).to.deep.equal([DUE]);
    expect(await temp.store.pendingTimers('RB-20261122-0002')).to.have.length(1);

    // Once fired, the same kind may be set again for the subject.
    await temp.store.markTimerFired(first[0]!.id, DUE);
    await temp.store.saveTurn(laterTurn(2, [refundDue('RB-20261122-0001', '2026-12-01T00:00:00Z')]));
    expect((await temp.store.pendingTimers('RB-20261122-0001')).map(timer => timer.dueAt)).to.deep.equal(['2026-12-01T00:00:00.000Z']);
  });

  it('gives a timer only once its due time has come', async () => {
    await temp.store.saveTurn(turn({ timers: [refundDue()] }));
    expect(await temp.store.dueTimers(ms(DUE, -1), LONG_AGO, 10)).to.deep.equal([]);
    const due = await temp.store.dueTimers(DUE, LONG_AGO, 10);
    expect(due.map(timer => timer.dueAt)).to.deep.equal([DUE]);
  });

  it('gives the due timers soonest first, at most `limit`', async () => {
    await temp.store.saveTurn(turn({
      timers: [refundDue('c', '2026-11-23T00:00:00Z'), refundDue('a', '2026-11-21T00:00:00Z'), refundDue('b', '2026-11-22T00:00:00Z'), refundDue('d', '2026-12-30T00:00:00Z')],
    }));
    const now = '2026-11-24T00:00:00.000Z';
    expect((await temp.store.dueTimers(now, LONG_AGO, 2)).map(timer => timer.subject)).to.deep.equal(['a', 'b']);
    expect((await temp.store.dueTimers(now, LONG_AGO, 2)).map(timer => timer.subject)).to.deep.equal(['c']);
  });

  it('claims a due timer once, and gives it again only after the claim is older than claimedBefore', async () => {
    await temp.store.saveTurn(turn({ timers: [refundDue()] }));
    const now = ms(DUE, 1000);
    const minuteBefore = (iso: string) => ms(iso, -60_000);
    const [claimed] = await temp.store.dueTimers(now, minuteBefore(now), 10);
    expect(claimed).to.deep.include({ kind: 'refund_due', subject: 'RB-20261122-0001', dueAt: DUE });
    expect(await temp.store.dueTimers(now, minuteBefore(now), 10)).to.deep.equal([]);
    expect(await temp.store.dueTimers(ms(now, 59_000), minuteBefore(ms(now, 59_000)), 10)).to.deep.equal([]);
    // The claimer died: a minute later the timer is taken again, with the same id.
    const later = ms(now, 61_000);
    expect(await temp.store.dueTimers(later, minuteBefore(later), 10)).to.deep.equal([claimed]);
  });

  it('never gives a fired timer again', async () => {
    await temp.store.saveTurn(turn({ timers: [refundDue()] }));
    const [timer] = await temp.store.dueTimers(DUE, LONG_AGO, 10);
    await temp.store.markTimerFired(timer!.id, ms(DUE, 5));
    await temp.store.markTimerFired(timer!.id, ms(DUE, 9)); // a second mark changes nothing
    expect(await temp.store.dueTimers('2099-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z', 10)).to.deep.equal([]);
    expect(await temp.store.pendingTimers('RB-20261122-0001')).to.deep.equal([]);
    const row = temp.store.db.prepare('SELECT fired_at FROM timers WHERE id = ?').get(timer!.id);
    expect(row).to.deep.equal({ fired_at: ms(DUE, 5) });
  });

  it('keeps pending and claimed timers across a close and reopen', async () => {
    await temp.store.saveTurn(turn({ timers: [refundDue(), refundDue('RB-20261122-0002', '2026-11-20T00:00:00Z')] }));
    const [claimed] = await temp.store.dueTimers('2026-11-21T00:00:00.000Z', LONG_AGO, 10);
    await temp.store.close();

    temp.store = await openSqliteStore({ dataDir: temp.dir });
    expect((await temp.store.pendingTimers('RB-20261122-0001')).map(timer => timer.dueAt)).to.deep.equal([DUE]);
    // The claim outlived the restart: taken again once it is older than claimedBefore.
    expect(await temp.store.dueTimers(DUE, '2026-11-21T00:00:00.000Z', 10)).to.have.length(1);
    expect((await temp.store.dueTimers(DUE, '2026-11-21T00:00:01.000Z', 10)).map(timer => timer.id)).to.deep.equal([claimed!.id]);
  });

  it('adds the timers table to a database of the previous version without touching its data', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'returnbot-data-'));
    try {
      const db = new Database(path.join(dir, 'returnbot.db'));
      for (const [version, sql] of MIGRATIONS.slice(0, 2).entries()) {
        db.exec(sql);
        db.pragma(`user_version = ${version + 1}`);
      }
      db.prepare(`INSERT INTO customers (id, name, phone, tier) VALUES ('C900', '王芳', '13800000900', 'member')`).run();
      db.close();
      const store = await openSqliteStore({ dataDir: dir });
      try {
        await store.saveTurn(turn({ timers: [refundDue()] }));
        expect(store.db.pragma('user_version', { simple: true })).to.equal(MIGRATIONS.length);
        expect(await store.pendingTimers('RB-20261122-0001')).to.have.length(1);
        expect(await store.findCustomer('C900')).to.deep.equal({ id: 'C900', name: '王芳', phone: '13800000900', tier: 'member' });
      } finally {
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteStore.caseEvents()', () => {
  let temp: TempStore;
  beforeEach(async () => { temp = await openTempStore(); });
  afterEach(async () => { await temp.dispose(); });

  it('gives every event of a case, oldest first, and none of other cases', async () => {
    await seedDemoData(temp.store, new Date(AT));
    const first = await temp.store.nextCaseId('20261122');
    const second = await temp.store.nextCaseId('20261122');
    const later = '2026-11-23T02:00:00.000Z';
    await temp.store.saveTurn(turn({
      cases: [
        { kind: 'create', record: caseRecord(first), event: caseEvent(first, null, 'approved') },
        { kind: 'create', record: caseRecord(second), event: caseEvent(second, null, 'awaiting_person') },
      ],
    }));
    await temp.store.saveTurn(turn({
      messageId: 'm2',
      conversation: { ...conversation(), version: 1 },
      expectedVersion: 1,
      cases: [
        { kind: 'transition', caseId: first, to: 'awaiting_parcel', patch: {}, event: caseEvent(first, 'approved', 'awaiting_parcel', later) },
        { kind: 'transition', caseId: first, to: 'parcel_received', patch: {}, event: { ...caseEvent(first, 'awaiting_parcel', 'parcel_received', later), actor: 'warehouse' } },
      ],
    }));
    expect(await temp.store.caseEvents(first)).to.deep.equal([
      caseEvent(first, null, 'approved'),
      caseEvent(first, 'approved', 'awaiting_parcel', later),
      { ...caseEvent(first, 'awaiting_parcel', 'parcel_received', later), actor: 'warehouse' },
    ]);
    expect(await temp.store.caseEvents(second)).to.deep.equal([caseEvent(second, null, 'awaiting_person')]);
    expect(await temp.store.caseEvents('RB-19990101-0001')).to.deep.equal([]);
  });
});
