/**
 * Deterministic extractors for the facts that must never be guessed by a model: numbers, dates,
 * quantities, case ids. They read normalized text (see script.ts).
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import { localDate } from '../../policies/local-time.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const CASE_ID = /\brb-?(\d{8})-?(\d{4})\b/;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const PHONE_TAIL = /(?:尾号|后四位|后4位|last (?:4|four)(?: digits)?(?: (?:are|is))?|(?:ending|ends?)(?: in| with)?)\s*[::是为]?\s*(\d{4})(?!\d)/;
const LABELLED_ORDER = /(?:订单号?|单号|order(?: number| no\.?| #)?|#)\s*[::是为]?\s*(\d{6,20})(?!\d)/;
const BARE_ORDER = /(?<!\d)(\d{6,20})(?!\d)/;
const ONLY_FOUR_DIGITS = /^\D*?(\d{4})\D*$/;

/** Where a message names an identifier: the words around the number say nothing about what the customer wants. */
export const IDENTIFIER_MENTIONS: readonly RegExp[] = [CASE_ID, PHONE_TAIL, LABELLED_ORDER, MOBILE];

export function extractCaseId(text: string): string | undefined {
  const match = CASE_ID.exec(text);
  return match ? `RB-${match[1]}-${match[2]}` : undefined;
}

/** An order number: labelled, or any run of 6+ digits that is not a mobile number or a case id. */
export function extractOrderId(text: string): string | undefined {
  const withoutOthers = text.replace(CASE_ID, ' ').replace(MOBILE, ' ');
  return (LABELLED_ORDER.exec(withoutOthers) ?? BARE_ORDER.exec(withoutOthers))?.[1];
}

/** Last four digits of a phone: said as such, a whole mobile number, or a message of 4 digits. */
export function extractPhoneDigits(text: string): string | undefined {
  const tail = PHONE_TAIL.exec(text)?.[1];
  if (tail) return tail;
  const mobile = MOBILE.exec(text)?.[0];
  if (mobile) return mobile.slice(-4);
  return ONLY_FOUR_DIGITS.exec(text)?.[1];
}

const CHINESE_NUMERALS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const ENGLISH_NUMERALS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const ZH_QUANTITY = /(\d{1,3}|[一两二三四五六七八九十])\s*(个|件|袋|包|盒|箱|瓶|只|台|斤|份|罐|双)/;
const EN_QUANTITY = /\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(bags?|packs?|boxes|box|pieces?|items?|units?|bottles?|cups?|mugs?|lamps?|kettles?|of them)\b/;
const ALL = /全部|都(坏|有|是|要)|所有|两个都|all of them|\ball\b|both/;
const BARE_QUANTITY = /^\s*(\d{1,3}|[一两二三四五六七八九十])\s*(个|件|袋|包|盒|箱|瓶|只|台|份)?\s*$/;

/** How many units the customer means: "2袋", "two bags", "全部"; a bare number only when alone. */
export function extractQuantity(text: string): number | 'all' | undefined {
  if (ALL.test(text)) return 'all';
  const match = ZH_QUANTITY.exec(text) ?? EN_QUANTITY.exec(text) ?? BARE_QUANTITY.exec(text);
  if (!match?.[1]) return undefined;
  const word = match[1];
  const value = CHINESE_NUMERALS[word] ?? ENGLISH_NUMERALS[word] ?? Number(word);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

const RELATIVE_DAYS: [RegExp, number][] = [
  [/大前天|three days ago/, 3],
  [/前天|day before yesterday/, 2],
  [/昨天|昨日|昨晚|yesterday/, 1],
  [/今天|今早|今日|刚刚|刚才|today|this morning|just now/, 0],
];
const N_DAYS_AGO = /(\d{1,2}|[一两二三四五六七八九十])\s*天前|(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten) days ago/;

/** ISO weekday numbers (Monday 1 … Sunday 7) of the words customers use. */
const WEEKDAYS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7,
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7,
};
const ZH_WEEKDAY = /(上上|上|这|本)?(?:周|星期|礼拜)([一二三四五六日天])/;
const EN_WEEKDAY = /\b(?:(last|this) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/;
/** Weeks back a qualifier names; none means the latest such day up to today. */
const WEEKS_BACK: Record<string, number> = { 上上: 2, 上: 1, last: 1, 这: 0, 本: 0, this: 0 };

/**
 * The calendar day (shop time zone) a relative expression names: 昨天, 3天前, "2 days ago",
 * 上周二 and "last Tuesday" (the Tuesday of the previous Monday-to-Sunday week), 周二 or
 * "on Tuesday" alone (the latest Tuesday up to today).
 */
export function extractReceivedOn(text: string, now: Date, timezone: string): string | undefined {
  // The shop's calendar day as a UTC midnight: weekdays and day arithmetic as on a wall calendar.
  const today = dayjs.utc(localDate(now, timezone));
  const daysAgo = daysAgoIn(text) ?? weekdayDaysAgo(text, (today.day() + 6) % 7 + 1);
  return daysAgo === undefined ? undefined : today.subtract(daysAgo, 'day').format('YYYY-MM-DD');
}

function daysAgoIn(text: string): number | undefined {
  const nAgo = N_DAYS_AGO.exec(text);
  if (!nAgo) return RELATIVE_DAYS.find(([pattern]) => pattern.test(text))?.[1];
  const word = (nAgo[1] ?? nAgo[2])!;
  return CHINESE_NUMERALS[word] ?? ENGLISH_NUMERALS[word] ?? Number(word);
}

function weekdayDaysAgo(text: string, todayIso: number): number | undefined {
  const match = ZH_WEEKDAY.exec(text) ?? EN_WEEKDAY.exec(text);
  if (!match) return undefined;
  const day = WEEKDAYS[match[2]!]!;
  const weeksBack = match[1] ? WEEKS_BACK[match[1]]! : undefined;
  if (weeksBack === undefined) return (todayIso - day + 7) % 7;
  const daysAgo = todayIso - day + 7 * weeksBack;
  return daysAgo >= 0 ? daysAgo : undefined; // 这周日 said on a Friday has not happened yet
}

const SCORE = /^\s*([1-5])\s*(分|星|stars?|\/\s*5)?\s*[!.。!]*\s*$/;

/** A satisfaction score 1–5 given alone ("5", "4分", "3 stars"). */
export function extractScore(text: string): number | undefined {
  const match = SCORE.exec(text);
  return match ? Number(match[1]) : undefined;
}
