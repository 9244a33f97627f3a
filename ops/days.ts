import { localDate } from '../policies/local-time.js';

/**
 * Operations count by calendar day in the shop's zone, named 'YYYY-MM-DD'. Day arithmetic is
 * done on those names as UTC dates, so a DST change can never make a day 23 or 25 hours long.
 */
export type Day = string;

/** Through one kept formatter per zone: series and step scans ask this for every order and event. */
export function localDay(instant: string | Date, zone: string): Day {
  return localDate(instant, zone);
}

const DAY_MS = 86_400_000;

/** Plain UTC arithmetic rather than dayjs: the anomaly scans call this millions of times. */
export function addDays(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The `count` days ending with `last` (inclusive), oldest first. */
export function daysEnding(last: Day, count: number): Day[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => addDays(last, i - count + 1));
}
