import { expect } from 'chai';
import { reconcileAlerts } from '../../bot/operations/alert-reconciler.js';
import type { Alert, AlertDraft } from '../../bot/operations/alert-store.js';
import type { OperationsRecords } from '../../bot/operations/ops-records.js';
import { BAD_BATCH, BAD_SINCE_DAYS_AGO } from '../../data/demo/history.js';
import { addDays, localDay } from '../../ops/days.js';
import { alertShop, DAY_MS, ERROR, INFO, NOW, WARN, type AlertShop } from './alert-support.js';

const ZONE = 'Asia/Shanghai';
const KEY = `batch:${BAD_BATCH}`;

describe('anomaly watch on the demo history', () => {
  let shop: AlertShop;

  beforeEach(async () => {
    shop = await alertShop();
  });

  afterEach(async () => {
    await shop.dispose();
  });

  it('raises one alert, for batch B-MIL-2611 only (not millet nor its supplier: one cause, one alert), at start, with a warn line', async () => {
    shop.watch.start();
    await shop.watch.stop(); // waits for the run made at start

    const open = await shop.alerts.open();
    expect(open.map(a => [a.key, a.kind])).to.deep.equal([[KEY, 'batch']]);
    const [alert] = open;
    expect(alert!.raisedAt).to.equal(NOW.toISOString());
    expect(alert!.clearedAt).to.equal(null);
    expect(alert!.message).to.contain(`batch ${BAD_BATCH}`);
    const { subject, since, windowDays, observed, expected } = alert!.details;
    expect(subject).to.equal(BAD_BATCH);
    expect(windowDays).to.equal(7);
    // Bad from 12 days back; the test needs a few bad days before it is sure.
    expect(since >= addDays(localDay(NOW, ZONE), -BAD_SINCE_DAYS_AGO) && since < localDay(NOW, ZONE), since).to.equal(true);
    expect(observed).to.be.greaterThan(3 * expected);

    const raised = shop.lines.filter(l => l.level === WARN);
    expect(raised.map(l => l.alert)).to.deep.equal([KEY]);
    expect(raised[0]!.msg).to.equal(`alert raised: ${alert!.message}`);
  });

  it('raises nothing new when the anomaly is still there an hour later', async () => {
    const first = await shop.watch.runOnce();
    shop.clock.current = new Date(NOW.getTime() + 3_600_000);
    const second = await shop.watch.runOnce();

    expect(first.raised.map(a => a.key)).to.deep.equal([KEY]);
    expect(second).to.deep.equal({ raised: [], cleared: [] });
    expect((await shop.alerts.open()).map(a => a.id)).to.deep.equal([first.raised[0]!.id]);
    expect(shop.temp.store.db.prepare('SELECT count(*) FROM alerts').pluck().get()).to.equal(1);
    expect(shop.lines.filter(l => l.level === WARN)).to.have.length(1);
  });

  it('clears the alert once the anomaly is gone (the shop quiet for 40 days), with an info line, and keeps it in the history', async () => {
    const { raised: [alert] } = await shop.watch.runOnce();
    const later = new Date(NOW.getTime() + 40 * DAY_MS);
    shop.clock.current = later;
    const { raised, cleared } = await shop.watch.runOnce();

    expect(raised).to.deep.equal([]);
    expect(cleared.map(a => [a.id, a.key, a.clearedAt])).to.deep.equal([[alert!.id, KEY, later.toISOString()]]);
    expect(await shop.alerts.open()).to.deep.equal([]);
    const clearLine = shop.lines.find(l => l.level === INFO && l.alert === KEY);
    expect(clearLine?.msg).to.equal(`alert cleared: ${KEY}`);
    const history = await shop.alerts.between(new Date(NOW.getTime() - DAY_MS).toISOString(), later.toISOString(), 100);
    expect(history.map(a => [a.key, a.raisedAt, a.clearedAt])).to.deep.equal([[KEY, NOW.toISOString(), later.toISOString()]]);
    // Cleared before the period: not in it.
    expect(await shop.alerts.between(new Date(later.getTime() + 1).toISOString(), new Date(later.getTime() + DAY_MS).toISOString(), 100)).to.deep.equal([]);
  });

  it('raises nothing on any day of the same history before the batch went bad (days 30 to 13 before it)', async () => {
    for (let daysBefore = 30; daysBefore >= 13; daysBefore -= 1) {
      shop.clock.current = new Date(NOW.getTime() - daysBefore * DAY_MS);
      const { raised } = await shop.watch.runOnce();
      expect(raised.map(a => a.key), `${daysBefore} days before`).to.deep.equal([]);
    }
    expect(shop.temp.store.db.prepare('SELECT count(*) FROM alerts').pluck().get()).to.equal(0);
    expect(shop.lines.filter(l => l.level >= WARN)).to.deep.equal([]);
  });
});

describe('anomaly watch when a run fails', () => {
  it('logs the error, raises nothing, and the next run works', async () => {
    let failing = true;
    const shop = await alertShop({
      // The real records, but the first read of cases fails.
      records: real => Object.assign(Object.create(real) as OperationsRecords, {
        casesCreated: (from: string, to: string) => (failing ? Promise.reject(new Error('database is locked')) : real.casesCreated(from, to)),
      }),
    });
    try {
      expect(await shop.watch.runOnce()).to.deep.equal({ raised: [], cleared: [] });
      const error = shop.lines.find(l => l.level === ERROR);
      expect(error?.msg).to.equal('anomaly watch failed; the next run tries again');
      failing = false;
      expect((await shop.watch.runOnce()).raised.map(a => a.key)).to.deep.equal([KEY]);
    } finally {
      await shop.dispose();
    }
  });
});

describe('reconcileAlerts', () => {
  const draft = (key: string, observed = 10): AlertDraft => ({
    key,
    kind: 'batch',
    message: `${key}: ${observed} returned`,
    details: { subject: key.split(':')[1]!, since: '2026-11-11', windowDays: 7, observed, expected: 2 },
  });
  // 01:00 on 2026-11-20 in Shanghai, still the 19th in UTC: the quiet period counts shop days.
  const SEEN = '2026-11-19T17:00:00.000Z';
  const alert = (id: number, d: AlertDraft): Alert => ({ ...d, id, raisedAt: '2026-11-19T00:00:00.000Z', lastSeenAt: SEEN, clearedAt: null });
  const quiet = (today: string) => ({ today, zone: ZONE, days: 3 });

  it('raises the new, marks the present seen, refreshes the changed, clears the gone once absent for the quiet period', () => {
    const open = [alert(1, draft('batch:A')), alert(2, draft('batch:B')), alert(3, draft('batch:C'))];
    const changes = reconcileAlerts(open, [draft('batch:A'), draft('batch:B', 12), draft('batch:D')], quiet('2026-11-24'));
    expect(changes).to.deep.equal({
      raise: [draft('batch:D')],
      seen: [1, 2],
      refresh: [{ id: 2, draft: draft('batch:B', 12) }],
      clear: [3],
    });
  });

  it('keeps an absent alert open until whole quiet days have passed since the shop day it was last seen', () => {
    const open = [alert(3, draft('batch:C'))];
    // Last seen on the 20th: the 21st, 22nd and 23rd are its three quiet days.
    for (const today of ['2026-11-20', '2026-11-21', '2026-11-23']) {
      expect(reconcileAlerts(open, [], quiet(today)).clear, today).to.deep.equal([]);
    }
    expect(reconcileAlerts(open, [], quiet('2026-11-24')).clear).to.deep.equal([3]);
  });
});
