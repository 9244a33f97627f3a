import { expect } from 'chai';
import { reconcileAlerts } from '../../bot/operations/alert-reconciler.js';
import type { Alert, AlertDraft } from '../../bot/operations/alert-store.js';
import { BAD_BATCH } from '../../data/demo/history.js';
import type { SqliteAlertStore } from '../../data/sqlite/alert-store.js';
import { addDays, localDay } from '../../ops/days.js';
import { alertShop, DAY_MS, emptyAlertStore, NOW, QUIET_DAYS, WARN, type AlertShop } from './alert-support.js';

const ZONE = 'Asia/Shanghai';
const KEY = `batch:${BAD_BATCH}`;

describe('alert quiet period on the demo history (no new data after NOW)', () => {
  let shop: AlertShop;

  beforeEach(async () => {
    shop = await alertShop();
  });

  afterEach(async () => {
    await shop.dispose();
  });

  /** Runs the watch once a day, `days` days after NOW; what each run raised and cleared, and the open alerts after it. */
  async function daily(days: number) {
    const runs = [];
    for (let day = 0; day <= days; day++) {
      shop.clock.current = new Date(NOW.getTime() + day * DAY_MS);
      const { raised, cleared } = await shop.watch.runOnce();
      runs.push({ day, raised: raised.map(a => a.key), cleared, open: await shop.alerts.open() });
    }
    return runs;
  }

  it('keeps the batch its one alert while its test goes quiet on days +2 and +3 and alarms again on day +4, and raises nothing else', async () => {
    const runs = await daily(4);

    expect(runs.map(r => [r.day, r.raised, r.cleared.map(a => a.key), r.open.map(a => a.key)])).to.deep.equal([
      [0, [KEY], [], [KEY]],
      [1, [], [], [KEY]],
      [2, [], [], [KEY]],
      [3, [], [], [KEY]],
      [4, [], [], [KEY]],
    ]);
    // The batch was indeed not seen on days +2 and +3 (the product millet alarmed in its place before).
    const lastSeen = runs.map(r => r.open[0]!.lastSeenAt);
    const dayAt = (day: number) => new Date(NOW.getTime() + day * DAY_MS).toISOString();
    expect(lastSeen).to.deep.equal([dayAt(0), dayAt(1), dayAt(1), dayAt(1), dayAt(4)]);
    expect(shop.temp.store.db.prepare('SELECT count(*) FROM alerts').pluck().get()).to.equal(1);
    expect(shop.lines.filter(l => l.level === WARN).map(l => l.alert)).to.deep.equal([KEY]);
  });

  it('clears the batch alert once, on the first run after it was absent for the whole quiet period, and raises nothing for its product or supplier', async () => {
    const runs = await daily(16);

    const clears = runs.flatMap(r => r.cleared.filter(a => a.key === KEY).map(alert => ({ day: r.day, alert })));
    expect(clears).to.have.length(1);
    const { day, alert } = clears[0]!;
    // Cleared on the day after QUIET_DAYS whole shop days without it, not at the first run without it.
    expect(localDay(alert.clearedAt!, ZONE)).to.equal(addDays(localDay(alert.lastSeenAt, ZONE), QUIET_DAYS + 1));
    expect(alert.clearedAt).to.equal(new Date(NOW.getTime() + day * DAY_MS).toISOString());
    expect(runs.flatMap(r => r.raised).filter(key => key.startsWith('product:') || key.startsWith('supplier:'))).to.deep.equal([]);
  });
});

describe('alert quiet period in the alerts table', () => {
  let alerts: SqliteAlertStore, dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ alerts, dispose } = await emptyAlertStore());
  });

  afterEach(() => dispose());

  const draft: AlertDraft = {
    key: 'batch:B-1',
    kind: 'batch',
    message: 'batch B-1 up',
    details: { subject: 'B-1', since: '2026-11-18', windowDays: 7, observed: 20, expected: 5 },
  };

  /** One run at 10:00 shop time on `day`, the anomaly present or not. */
  async function run(day: string, present: boolean): Promise<{ raised: Alert[]; cleared: Alert[] }> {
    const changes = reconcileAlerts(await alerts.open(), present ? [draft] : [], { today: day, zone: ZONE, days: QUIET_DAYS });
    return alerts.apply(changes, `${day}T02:00:00.000Z`);
  }

  it('counts the quiet period from the last run that saw the anomaly, and raises a new alert when it comes back after clearing', async () => {
    const { raised: [first] } = await run('2026-11-20', true);
    await run('2026-11-21', true);
    for (const day of ['2026-11-22', '2026-11-23', '2026-11-24']) expect(await run(day, false), day).to.deep.equal({ raised: [], cleared: [] });
    expect((await alerts.open()).map(a => [a.id, a.lastSeenAt])).to.deep.equal([[first!.id, '2026-11-21T02:00:00.000Z']]);

    const { cleared } = await run('2026-11-25', false);
    expect(cleared.map(a => [a.id, a.clearedAt])).to.deep.equal([[first!.id, '2026-11-25T02:00:00.000Z']]);

    const { raised: [second] } = await run('2026-11-26', true);
    expect(second!.id).to.not.equal(first!.id);
    expect([second!.raisedAt, second!.lastSeenAt]).to.deep.equal(['2026-11-26T02:00:00.000Z', '2026-11-26T02:00:00.000Z']);
    expect((await alerts.open()).map(a => a.id)).to.deep.equal([second!.id]);
  });
});
