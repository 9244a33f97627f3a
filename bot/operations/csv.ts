/**
 * CSV as RFC 4180 writes it (CRLF lines, fields with a comma, quote or line break quoted, quotes
 * doubled), for spreadsheets: a UTF-8 byte-order mark, without which Excel reads Chinese as
 * mojibake, and cells that a spreadsheet would run as a formula (= + - @, or a leading tab or
 * carriage return that some strip first) prefixed with ' so they stay text (OWASP "CSV injection").
 */
const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvCell = string | number | null;

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  // Numbers are ours (amounts, counts): a negative one is a number, not a formula.
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
