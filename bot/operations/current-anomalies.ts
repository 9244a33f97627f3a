import { RATE_DEFAULTS, returnRateAnomalies, STEP_DEFAULTS, stepDurationAnomalies, type Anomaly } from '../../ops/anomaly.js';
import { localDay } from '../../ops/days.js';
import { returnSeries } from '../../ops/series.js';
import { stepSpans } from '../../ops/steps.js';
import type { AlertDraft } from './alert-store.js';
import type { OperationsRecords } from './ops-records.js';

const DAY_MS = 86_400_000;

/**
 * Days of records read: twice the rate test's window and baseline, because the test walks back
 * from today to find since when a key alarms, and each earlier day needs its own full baseline.
 * The step test needs less (7 + 28 days). Steps of cases opened before that are not seen.
 */
const READ_DAYS = 2 * (RATE_DEFAULTS.windowDays + RATE_DEFAULTS.baselineDays) + 1;

/**
 * The anomalies of the shop's today (in `zone`) as alert drafts: return rates per batch, product
 * and supplier (ops/anomaly.ts, method and false-alarm rate there) and slow lifecycle steps.
 * `alertedBatches` (batches with an open alert) stay out of the product and supplier tests even
 * on a day their own test is quiet: one problem, one alert.
 */
export async function currentAnomalies(records: OperationsRecords, now: Date, zone: string, alertedBatches: ReadonlySet<string>): Promise<AlertDraft[]> {
  const from = new Date(now.getTime() - READ_DAYS * DAY_MS).toISOString();
  const to = new Date(now.getTime() + 1).toISOString();
  const cases = await records.casesCreated(from, to);
  const delivered = await records.ordersDelivered(from, to);
  // A return may be about an order delivered before the period: its line says which batch.
  const known = new Set(delivered.map(order => order.id));
  const earlier = await records.orders([...new Set(cases.map(c => c.orderId).filter(id => !known.has(id)))]);
  const events = await records.eventsOfCases(cases.map(c => c.id));

  const day = localDay(now, zone);
  return [
    ...returnRateAnomalies(returnSeries(cases, [...delivered, ...earlier], zone), day, {}, alertedBatches).map(a => draft(a, RATE_DEFAULTS.windowDays)),
    ...stepDurationAnomalies(stepSpans(events, now), day, zone).map(a => draft(a, STEP_DEFAULTS.recentDays)),
  ];
}

function draft(anomaly: Anomaly, windowDays: number): AlertDraft {
  return {
    key: `${anomaly.kind}:${anomaly.key}`,
    kind: anomaly.kind,
    message: anomaly.message,
    details: { subject: anomaly.key, since: anomaly.since, windowDays, observed: anomaly.observed, expected: anomaly.expected },
  };
}
