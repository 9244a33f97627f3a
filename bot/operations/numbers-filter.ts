import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { localDay, type Day } from '../../ops/days.js';
import { lineOf } from '../../ops/metrics.js';
import type { Reason } from '../../policies/types.js';
import type { CaseRecord, Order, OrderLine } from '../records.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Half-open [from, to), ISO instants. */
export interface Period {
  from: string;
  to: string;
}

/** What the console narrows its numbers to; a period left out is the last 30 days. */
export interface NumbersFilter extends Partial<Period> {
  channel?: string;
  sku?: string;
  batch?: string;
  supplier?: string;
  reason?: Reason;
}

const DEFAULT_PERIOD_DAYS = 30;

/**
 * Every reason the rules know, as a record so the compiler says when policies/types.ts gains one
 * (the filter drop-down and the query check are built from it).
 */
const REASON_SET: Record<Reason, true> = {
  quality: true, transit_damage: true, damage_unclear: true, wrong_item: true, missing_item: true, not_as_described: true, changed_mind: true,
};
export const REASONS = Object.keys(REASON_SET) as Reason[];

/** The last `DEFAULT_PERIOD_DAYS` shop days, today included: whole days, as the daily trend counts them. */
export function defaultPeriod(now: Date, zone: string): Period {
  const tomorrow = dayjs(now).tz(zone).startOf('day').add(1, 'day');
  return { from: tomorrow.subtract(DEFAULT_PERIOD_DAYS, 'day').toISOString(), to: tomorrow.toISOString() };
}

/** A period as the console shows it: its first and last shop day (both included). */
export interface ShownPeriod extends Period {
  zone: string;
  firstDay: Day;
  lastDay: Day;
}

export function shownPeriod(period: Period, zone: string): ShownPeriod {
  return { ...period, zone, firstDay: localDay(period.from, zone), lastDay: localDay(new Date(Date.parse(period.to) - 1), zone) };
}

export function periodOf(filter: NumbersFilter, now: Date, zone: string): Period {
  const fallback = defaultPeriod(now, zone);
  return { from: filter.from ?? fallback.from, to: filter.to ?? fallback.to };
}

/** The filters on what was bought: the return-rate cohort of deliveries is narrowed by these only. */
export function lineMatches(line: Pick<OrderLine, 'sku' | 'batchId' | 'supplierId'>, filter: NumbersFilter): boolean {
  return (
    (filter.sku === undefined || line.sku === filter.sku) &&
    (filter.batch === undefined || line.batchId === filter.batch) &&
    (filter.supplier === undefined || line.supplierId === filter.supplier)
  );
}

/** A case passes when its own fields and its order line match every filter given. */
export function caseMatches(record: CaseRecord, ordersById: ReadonlyMap<string, Order>, filter: NumbersFilter): boolean {
  if (filter.channel !== undefined && record.channel !== filter.channel) return false;
  if (filter.reason !== undefined && record.reason !== filter.reason) return false;
  const line = lineOf(record, ordersById);
  return lineMatches({ sku: record.sku, batchId: line?.batchId ?? null, supplierId: line?.supplierId ?? null }, filter);
}
