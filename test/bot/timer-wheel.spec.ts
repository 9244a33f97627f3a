import { expect } from 'chai';
import { createLogger } from '../../bot/logger.js';
import type { DueTimer, TimerWrite } from '../../bot/records.js';
import { TimerWheel, type TimerWheelOptions } from '../../bot/timer-wheel.js';
import { openSqliteStore, type SqliteStore } from '../../data/sqlite/sqlite-store.js';
import { conversation, openTempStore, turn, type TempStore } from '../data/fixtures.js';
import { TestClock } from '../support/test-bot.js';

const DUE = '2026-11-23T15:59:59.999Z';
const RETRY_MS = 60_000;
const refundDue = (subject: string, dueAt = DUE): TimerWrite => ({ kind: 'refund_due', subject, dueAt });
const at = (iso: string, deltaMs = 0) => new Date(Date.parse(iso) + deltaMs);

describe('TimerWheel', () => {
  let temp: TempStore;
  let clock: TestClock;
  let wheels: TimerWheel[];
  beforeEach(async () => {
    clock = new TestClock(new Date('2026-11-20T02:00:00.000Z'));
    temp = await openTempStore({ clock: clock.now });
    wheels = [];
  });
  afterEach(async () => {
    for (const wheel of wheels) await wheel.stop();
    await temp.dispose();
  });

  /** A wheel on `store` recording what it handled; `handle` may fail on purpose. */
  function wheelOn(store: SqliteStore, handle: (timer: DueTimer) => Promise<void> = async () => {}, options: Partial<TimerWheelOptions> = {}) {
    const handled: DueTimer[] = [];
    const wheel = new TimerWheel({
      store,
      clock: clock.now,
      logger: createLogger('silent'),
      retryAfterMs: RETRY_MS,
      handle: async (timer) => {
        await handle(timer);
        handled.push(timer);
      },
      ...options,
    });
    wheels.push(wheel);
    return { wheel, handled, subjects: () => handled.map(timer => timer.subject) };
  }

  async function setTimers(store: SqliteStore, ...timers: TimerWrite[]): Promise<void> {
    await store.saveTurn(turn({ timers }));
  }

  it('fires a timer once, at its due time and not before', async () => {
    await setTimers(temp.store, refundDue('RB-1'));
    const { wheel, handled } = wheelOn(temp.store);

    clock.current = at(DUE, -1);
    await wheel.runOnce();
    expect(handled).to.deep.equal([]);

    clock.current = at(DUE);
    await wheel.runOnce();
    expect(handled.map(({ kind, subject, dueAt }) => ({ kind, subject, dueAt }))).to.deep.equal([{ kind: 'refund_due', subject: 'RB-1', dueAt: DUE }]);

    clock.advanceDays(3);
    await wheel.runOnce();
    await wheel.runOnce();
    expect(handled).to.have.length(1);
    expect(await temp.store.pendingTimers('RB-1')).to.deep.equal([]);
  });

  it('fires the due timers soonest first, and leaves the later ones', async () => {
    await setTimers(temp.store, refundDue('c', '2026-11-22T00:00:00Z'), refundDue('a', '2026-11-20T00:00:00Z'), refundDue('later', '2026-12-01T00:00:00Z'), refundDue('b', '2026-11-21T00:00:00Z'));
    const { wheel, subjects } = wheelOn(temp.store);
    clock.current = at(DUE);
    await wheel.runOnce();
    expect(subjects()).to.deep.equal(['a', 'b', 'c']);
    expect(await temp.store.pendingTimers('later')).to.have.length(1);
  });

  it('fires more timers than one batch in one pass', async () => {
    const timers = Array.from({ length: 230 }, (_, i) => refundDue(`RB-${String(i).padStart(3, '0')}`, at('2026-11-20T00:00:00Z', i * 1000).toISOString()));
    await setTimers(temp.store, ...timers);
    const { wheel, subjects } = wheelOn(temp.store);
    clock.current = at(DUE);
    await wheel.runOnce();
    expect(subjects()).to.deep.equal(timers.map(timer => timer.subject));
  });

  it('fires after a restart a timer set before it', async () => {
    await setTimers(temp.store, refundDue('RB-1'));
    const before = wheelOn(temp.store);
    await before.wheel.runOnce(); // not due yet
    await before.wheel.stop();
    await temp.store.close();

    temp.store = await openSqliteStore({ dataDir: temp.dir, clock: clock.now });
    const after = wheelOn(temp.store);
    clock.current = at(DUE, 3_600_000);
    await after.wheel.runOnce();
    expect(before.subjects()).to.deep.equal([]);
    expect(after.subjects()).to.deep.equal(['RB-1']);
  });

  it('fires after a restart, once the claim has expired, a timer whose process died while handling it', async () => {
    await setTimers(temp.store, refundDue('RB-1'));
    clock.current = at(DUE);
    // The dying process took the timer and never marked it fired.
    await temp.store.dueTimers(clock.now().toISOString(), at(DUE, -RETRY_MS).toISOString(), 100);
    await temp.store.close();

    temp.store = await openSqliteStore({ dataDir: temp.dir, clock: clock.now });
    const { wheel, subjects } = wheelOn(temp.store);
    await wheel.runOnce();
    expect(subjects()).to.deep.equal([]);
    clock.current = at(DUE, RETRY_MS + 1);
    await wheel.runOnce();
    await wheel.runOnce();
    expect(subjects()).to.deep.equal(['RB-1']);
  });

  it('retries a failing handler after retryAfterMs, fires it once, and goes on with the others meanwhile', async () => {
    await setTimers(temp.store, refundDue('RB-1', '2026-11-23T00:00:00Z'), refundDue('RB-2'));
    let failures = 1;
    const attempts: string[] = [];
    const { wheel, subjects } = wheelOn(temp.store, async (timer) => {
      attempts.push(timer.subject);
      if (timer.subject === 'RB-1' && failures-- > 0) throw new Error('engine busy');
    });
    clock.current = at(DUE);
    await wheel.runOnce();
    expect(attempts).to.deep.equal(['RB-1', 'RB-2']);
    expect(subjects()).to.deep.equal(['RB-2']);

    clock.current = at(DUE, RETRY_MS - 1);
    await wheel.runOnce();
    expect(attempts).to.have.length(2);

    clock.current = at(DUE, RETRY_MS + 1);
    await wheel.runOnce();
    clock.advanceDays(1);
    await wheel.runOnce();
    expect(attempts).to.deep.equal(['RB-1', 'RB-2', 'RB-1']);
    expect(subjects()).to.deep.equal(['RB-2', 'RB-1']);
  });

  it('lets two wheels on one database fire a timer once', async () => {
    await setTimers(temp.store, refundDue('RB-1'));
    const other = await openSqliteStore({ dataDir: temp.dir, clock: clock.now });
    try {
      const first = wheelOn(temp.store);
      const second = wheelOn(other);
      clock.current = at(DUE);
      await Promise.all([first.wheel.runOnce(), second.wheel.runOnce()]);
      expect([...first.subjects(), ...second.subjects()]).to.deep.equal(['RB-1']);
    } finally {
      await other.close();
    }
  });

  it('shares the pass in progress between overlapping calls', async () => {
    await setTimers(temp.store, refundDue('RB-1'));
    let release!: () => void;
    const gate = new Promise<void>(resolve => { release = resolve; });
    const { wheel, subjects } = wheelOn(temp.store, () => gate);
    clock.current = at(DUE, RETRY_MS * 10);
    const first = wheel.runOnce();
    const second = wheel.runOnce();
    expect(second).to.equal(first);
    release();
    await first;
    expect(subjects()).to.deep.equal(['RB-1']);
  });

  it('polls on its own once started, until stopped', async () => {
    await setTimers(temp.store, refundDue('RB-1'));
    const { wheel, subjects } = wheelOn(temp.store, async () => {}, { intervalMs: 5 });
    clock.current = at(DUE);
    wheel.start();
    for (let waited = 0; subjects().length === 0 && waited < 2000; waited += 5) await new Promise(resolve => setTimeout(resolve, 5));
    await wheel.stop();
    expect(subjects()).to.deep.equal(['RB-1']);

    // Stopped: a timer set now is left for later.
    await temp.store.saveTurn(turn({ messageId: 'm2', conversation: { ...conversation(), version: 1 }, expectedVersion: 1, timers: [refundDue('RB-2')] }));
    await new Promise(resolve => setTimeout(resolve, 30));
    expect(subjects()).to.deep.equal(['RB-1']);
  });
});
