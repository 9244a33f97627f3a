/**
 * Working days for the time commitments ("refund processed within one working day of receiving
 * the returned parcel"). Pure: the calendar is data (data/calendar/*.yaml, loaded by
 * bot/calendar-file.ts) and every instant is given; the server's own time zone never matters.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { localDate } from './local-time.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Days of the week as dayjs numbers them: 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Which local days are worked. Dates are `YYYY-MM-DD` days of the calendar's country. */
export interface WorkingCalendar {
  /** IANA zone the calendar was written for (informative: callers pass the zone they count in). */
  timezone: string;
  /** Days of the week not worked unless listed in `workdays`. */
  weekend: readonly Weekday[];
  /** Days not worked, whatever day of the week (public holidays, 放假). */
  holidays: ReadonlySet<string>;
  /** Weekend days worked instead (调休上班); a holiday listed here too stays a holiday. */
  workdays: ReadonlySet<string>;
  /** Years whose official schedule the calendar holds in full; other years may lack holidays. */
  confirmedYears: readonly number[];
}

/** A calendar with neither weekend nor holidays never idles this long; longer means a broken calendar. */
const MAX_DAYS_OFF_IN_A_ROW = 366;

/** Whether the local day of `at` in `timezone` is a working day of `calendar`. */
export function isWorkingDay(at: Date, calendar: WorkingCalendar, timezone: string): boolean {
  return isWorkingDate(localDate(checked(at), timezone), calendar);
}

/** Whether a local date (`YYYY-MM-DD`) is a working day of `calendar`. */
function isWorkingDate(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.holidays.has(date)) return false;
  if (calendar.workdays.has(date)) return true;
  return !calendar.weekend.includes(dayjs.utc(date).day() as Weekday);
}

/**
 * When a commitment of `days` working days made at `from` falls due: the end (23:59:59.999 local
 * time in `timezone`) of the Nth working day after the local day of `from`.
 *
 * The day of `from` itself never counts, whatever the hour and whether or not it is worked: a
 * parcel received on Friday 2026-09-25 at 15:00 in Shanghai (中秋, a holiday), 1 working day →
 * the end of Monday 2026-09-28 (Sat 26 and Sun 27 are holidays too), 2026-09-28T15:59:59.999Z.
 * `days = 0` is the end of the local day of `from`. Days are counted in `timezone`, so an instant
 * late in the evening UTC may already be the next day there; daylight saving moves the instant,
 * never the local end of day.
 *
 * @throws RangeError when `days` is not a whole number ≥ 0, `from` is an invalid date, or the
 *   calendar has no working day in more than a year (every weekday off).
 */
export function addWorkingDays(from: Date, days: number, calendar: WorkingCalendar, timezone: string): Date {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`addWorkingDays(): days must be a whole number ≥ 0, got ${days}`);
  let day = dayjs.utc(localDate(checked(from), timezone));
  let left = days;
  let daysOff = 0;
  while (left > 0) {
    day = day.add(1, 'day');
    if (isWorkingDate(day.format('YYYY-MM-DD'), calendar)) {
      left -= 1;
      daysOff = 0;
    } else if (++daysOff > MAX_DAYS_OFF_IN_A_ROW) {
      throw new RangeError(`addWorkingDays(): no working day between ${day.subtract(daysOff, 'day').format('YYYY-MM-DD')} and ${day.format('YYYY-MM-DD')}`);
    }
  }
  return endOfLocalDay(day.format('YYYY-MM-DD'), timezone);
}

/** The last millisecond of a local date: just before the next local day starts. */
function endOfLocalDay(date: string, timezone: string): Date {
  const nextDay = dayjs.utc(date).add(1, 'day').format('YYYY-MM-DD');
  return new Date(dayjs.tz(nextDay, timezone).valueOf() - 1);
}

function checked(at: Date): Date {
  if (Number.isNaN(at.getTime())) throw new RangeError('working days: invalid date');
  return at;
}
