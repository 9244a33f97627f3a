import type { CaseRecord, Order } from '../bot/records.js';
import type { DailyUnits, UnitSeries } from './anomaly.js';
import { localDay, type Day } from './days.js';
import { countsAsReturn, lineOf } from './metrics.js';

/**
 * The daily units delivered and returned per (batch, product, supplier), the input of
 * `returnRateAnomalies`. Deliveries count on the shop-local day the order was signed for,
 * returns on the day the case was opened (see ops/anomaly.ts for why that pairing is fair).
 */
export function returnSeries(cases: readonly CaseRecord[], orders: readonly Order[], zone: string): UnitSeries[] {
  const cells = new Map<string, { series: UnitSeries; byDay: Map<Day, DailyUnits> }>();
  const add = (line: Order['lines'][number], day: Day, field: 'delivered' | 'returned', units: number) => {
    const key = JSON.stringify([line.batchId, line.sku, line.supplierId]);
    let cell = cells.get(key);
    if (!cell) {
      cell = { series: { batchId: line.batchId, sku: line.sku, supplierId: line.supplierId, days: [] }, byDay: new Map() };
      cells.set(key, cell);
    }
    let entry = cell.byDay.get(day);
    if (!entry) {
      entry = { day, delivered: 0, returned: 0 };
      cell.byDay.set(day, entry);
    }
    entry[field] += units;
  };
  const byId = new Map(orders.map((o) => [o.id, o]));
  for (const order of orders) {
    if (order.deliveredAt === null) continue;
    const day = localDay(order.deliveredAt, zone);
    for (const line of order.lines) add(line, day, 'delivered', line.quantity);
  }
  for (const record of cases) {
    const line = lineOf(record, byId);
    if (line && countsAsReturn(record)) add(line, localDay(record.createdAt, zone), 'returned', record.quantity);
  }
  return [...cells.values()].map(({ series, byDay }) => ({
    ...series,
    days: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
  }));
}
