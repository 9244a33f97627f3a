import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Weekday, WorkingCalendar } from '../policies/working-days.js';
import { must, settingProblems, timeZoneSetting, type SettingProblem } from '../policies/zod-problems.js';
import { loadSettingsFile } from './settings-file.js';

/** The calendar shipped with returnbot (mainland China), found from this file, not the working directory. */
export const defaultCalendarPath = fileURLToPath(new URL('../data/calendar/china.yaml', import.meta.url));

/**
 * Reads an operator's working-day calendar (format: data/calendar/china.yaml). Any problem stops
 * start-up with code `rules_invalid` and one line per problem naming the file and the setting,
 * e.g. `data/calendar/china.yaml: holidays[2].to: must be a date YYYY-MM-DD (got "2026-02-30")`.
 */
export function loadCalendar(path: string): WorkingCalendar {
  return loadSettingsFile(path, 'calendar file', raw => {
    const parsed = parseCalendar(raw);
    return parsed.ok ? { ok: true, value: parsed.calendar } : parsed;
  });
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
/** A range longer than this is most likely a typo in a year or a month. */
const MAX_RANGE_DAYS = 31;

const DATE_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real day of the Gregorian calendar written YYYY-MM-DD (not 2026-02-30). */
function isDate(text: string): boolean {
  const match = DATE_FORMAT.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const date = () =>
  z.string(must('a date YYYY-MM-DD')).refine(isDate, {
    error: (issue) => `must be a date YYYY-MM-DD (got ${JSON.stringify(issue.input)})`,
  });

/** One date, or a named day or range: `2026-01-04`, `{ name, date }`, `{ name, from, to }`. */
const entry = z.union(
  [
    date(),
    z
      .strictObject({
        name: z.string(must('a text')).optional(),
        date: date().optional(),
        from: date().optional(),
        to: date().optional(),
      })
      .superRefine((value, context) => {
        const range = value.from !== undefined || value.to !== undefined;
        if (value.date !== undefined && range) {
          context.addIssue({ code: 'custom', message: 'must give either date, or from and to, not both' });
        } else if (value.date === undefined && !range) {
          context.addIssue({ code: 'custom', message: 'must give date, or from and to' });
        } else if (range && value.from === undefined) {
          context.addIssue({ code: 'custom', path: ['from'], message: 'is required with to' });
        } else if (range && value.to === undefined) {
          context.addIssue({ code: 'custom', path: ['to'], message: 'is required with from' });
        } else if (range && value.from! > value.to!) {
          context.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${value.from})` });
        } else if (range && daysBetween(value.from!, value.to!) >= MAX_RANGE_DAYS) {
          context.addIssue({ code: 'custom', path: ['to'], message: `must be less than ${MAX_RANGE_DAYS} days after from (${value.from})` });
        }
      }),
  ],
  { error: 'must be a date YYYY-MM-DD, or a mapping with date, or with from and to' },
);

const calendarSchema = z
  .strictObject(
    {
      timezone: timeZoneSetting(),
      weekend: z
        .array(
          z.enum(WEEKDAYS, {
            error: (issue) => `must be one of ${WEEKDAYS.join(', ')} (got ${JSON.stringify(issue.input)})`,
          }),
          must('a list of days of the week'),
        )
        .max(6, 'must leave at least one day of the week worked')
        .refine((list) => new Set(list).size === list.length, 'must not list the same day twice'),
      confirmedYears: z
        .array(z.int(must('a year')).min(1900, 'must be a year').max(9999, 'must be a year'), must('a list of years'))
        .refine((list) => new Set(list).size === list.length, 'must not list the same year twice')
        .default([]),
      holidays: z.array(entry, must('a list of dates')),
      workdays: z.array(entry, must('a list of dates')).default([]),
    },
    must('a mapping of settings'),
  )
  .superRefine((calendar, context) => {
    const weekend = new Set(calendar.weekend.map((name) => WEEKDAYS.indexOf(name)));
    const holidays = new Set(calendar.holidays.flatMap(datesOf));
    calendar.workdays.forEach((item, index) => {
      for (const day of datesOf(item)) {
        if (holidays.has(day)) {
          context.addIssue({ code: 'custom', path: ['workdays', index], message: `${day} is also listed as a holiday` });
        } else if (!weekend.has(new Date(`${day}T00:00:00Z`).getUTCDay())) {
          const name = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()];
          context.addIssue({ code: 'custom', path: ['workdays', index], message: `${day} is a ${name}, worked anyway: only weekend days belong here` });
        }
      }
    });
  });

type Entry = z.output<typeof entry>;

/** Every date of an entry, in order. */
function datesOf(item: Entry): string[] {
  if (typeof item === 'string') return [item];
  if (item.date !== undefined) return [item.date];
  const dates: string[] = [];
  const end = Date.parse(`${item.to!}T00:00:00Z`);
  for (let day = Date.parse(`${item.from!}T00:00:00Z`); day <= end; day += 86_400_000) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** Validates a calendar as read from a file, reporting every problem rather than the first. */
function parseCalendar(raw: unknown): { ok: true; calendar: WorkingCalendar } | { ok: false; problems: SettingProblem[] } {
  const result = calendarSchema.safeParse(raw);
  if (!result.success) return { ok: false, problems: settingProblems(result.error.issues) };
  const { timezone, weekend, confirmedYears, holidays, workdays } = result.data;
  return {
    ok: true,
    calendar: {
      timezone,
      weekend: weekend.map((name) => WEEKDAYS.indexOf(name) as Weekday),
      holidays: new Set(holidays.flatMap(datesOf)),
      workdays: new Set(workdays.flatMap(datesOf)),
      confirmedYears,
    },
  };
}
