import dayjs from 'dayjs';

/**
 * Calendar dates and clock times in the shop's zone. dayjs' timezone plugin builds a new
 * Intl formatter at every `.tz()` call (`toLocaleString` with a `timeZone`), about 30–60 µs each;
 * one formatter per zone, kept, does the same in about 2 µs.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(instant: string | Date | null, zone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(zone, format);
  }
  // Parsed as dayjs parses (a string without an offset is local time), as the callers did before.
  const date = instant instanceof Date ? instant : dayjs(instant).toDate();
  if (Number.isNaN(date.getTime())) return { year: 'Invalid Date', month: '', day: '', hour: '', minute: '' };
  const parts = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const part of format.formatToParts(date)) if (part.type in parts) parts[part.type as keyof typeof parts] = part.value;
  return parts;
}

/** `YYYY-MM-DD` of an instant in `zone`. */
export function localDate(instant: string | Date | null, zone: string): string {
  const { year, month, day } = partsIn(instant, zone);
  return `${year}-${month}-${day}`;
}

/** `YYYY-MM-DD HH:mm` of an instant in `zone`. */
export function localDateTime(instant: string | Date | null, zone: string): string {
  const { year, month, day, hour, minute } = partsIn(instant, zone);
  return `${year}-${month}-${day} ${hour}:${minute}`;
}
