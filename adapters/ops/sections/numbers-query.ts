import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { z } from 'zod';
import { REASONS, type NumbersFilter } from '../../../bot/operations/numbers-filter.js';
import { settingProblems } from '../../../policies/zod-problems.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Longer periods would load every case of years at once; the console has no use for them. */
const MAX_PERIOD_DAYS = 400;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface NumbersQuery {
  filter: NumbersFilter;
  page: { page: number; pageSize: number };
  lang: 'en' | 'zh-Hans';
}

export type QueryResult = { ok: true; query: NumbersQuery } | { ok: false; field: string; message: string };

/**
 * A day (YYYY-MM-DD, in the shop's zone) or an ISO instant with its offset. A day as `to` is
 * included: "from 2026-11-01 to 2026-11-30" is the whole of November.
 */
export function instant(zone: string, end: boolean) {
  return z
    .string()
    .max(40)
    .transform((value, ctx) => {
      if (DAY.test(value)) {
        const day = dayjs.tz(value, zone);
        if (day.isValid() && day.format('YYYY-MM-DD') === value) return (end ? day.add(1, 'day') : day).toISOString();
      } else if (z.iso.datetime({ offset: true }).safeParse(value).success) {
        return new Date(value).toISOString();
      }
      ctx.addIssue({ code: 'custom', message: 'must be a day YYYY-MM-DD or an ISO date-time with its offset' });
      return z.NEVER;
    });
}

const id = z.string().trim().min(1).max(80);

function schema(zone: string) {
  return z
    .object({
      from: instant(zone, false).optional(),
      to: instant(zone, true).optional(),
      channel: id.optional(),
      sku: id.optional(),
      batch: id.optional(),
      supplier: id.optional(),
      reason: z.enum(REASONS as [string, ...string[]]).optional(),
      page: z.coerce.number().int().min(1).max(100_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
      lang: z.enum(['en', 'zh-Hans']).default('en'),
    })
    .superRefine((q, ctx) => {
      if ((q.from === undefined) !== (q.to === undefined)) {
        ctx.addIssue({ code: 'custom', path: [q.from === undefined ? 'from' : 'to'], message: 'give both from and to, or neither (the last 30 days)' });
      } else if (q.from !== undefined && q.to !== undefined) {
        const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
        if (days <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
        else if (days > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period may be at most ${MAX_PERIOD_DAYS} days` });
      }
    });
}

/** The query string of the numbers routes; the first problem names its field. */
export function parseNumbersQuery(query: unknown, zone: string): QueryResult {
  const parsed = schema(zone).safeParse(query);
  if (!parsed.success) {
    const [problem] = settingProblems(parsed.error.issues);
    return { ok: false, field: problem?.field ?? 'query', message: problem?.message ?? 'is not valid' };
  }
  const { page, pageSize, lang, ...rest } = parsed.data;
  const filter = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as NumbersFilter;
  return { ok: true, query: { filter, page: { page, pageSize }, lang } };
}
