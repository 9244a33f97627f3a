import { expect } from 'chai';
import { defaultCalendarPath, loadCalendar } from '../../bot/calendar-file.js';
import { localDate } from '../../policies/local-time.js';
import { addWorkingDays, isWorkingDay, type WorkingCalendar } from '../../policies/working-days.js';

/**
 * Every instant below is explicit (Z or +08:00), so the results must not depend on the zone the
 * tests run in: run them with TZ=UTC and with TZ=America/Los_Angeles.
 */
describe('working days', () => {
  const china = loadCalendar(defaultCalendarPath);
  const SHANGHAI = 'Asia/Shanghai';
  /** When `days` working days from `from` (in Shanghai, China's calendar) fall due, as UTC ISO. */
  const due = (from: string, days: number) => addWorkingDays(new Date(from), days, china, SHANGHAI).toISOString();
  /** The end of a Shanghai day, in UTC. */
  const endOf = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString();

  describe('addWorkingDays()', () => {
    it('is due at the end of the next day after a plain weekday', () => {
      // Tuesday 2026-11-17, 10:00 in Shanghai.
      expect(due('2026-11-17T10:00:00+08:00', 1)).to.equal('2026-11-18T15:59:59.999Z');
      expect(due('2026-11-17T10:00:00+08:00', 3)).to.equal(endOf('2026-11-20'));
    });

    it('never counts the day of arrival, however early', () => {
      expect(due('2026-11-17T00:00:00+08:00', 1)).to.equal(endOf('2026-11-18'));
      expect(due('2026-11-17T23:59:59.999+08:00', 1)).to.equal(endOf('2026-11-18'));
    });

    it('skips the weekend', () => {
      // Friday 2026-11-20 → Monday 23, and Wednesday 25 for three days.
      expect(due('2026-11-20T15:00:00+08:00', 1)).to.equal(endOf('2026-11-23'));
      expect(due('2026-11-20T15:00:00+08:00', 3)).to.equal(endOf('2026-11-25'));
      // Arriving on Saturday or Sunday counts from Monday.
      expect(due('2026-11-21T11:00:00+08:00', 1)).to.equal(endOf('2026-11-23'));
      expect(due('2026-11-22T11:00:00+08:00', 1)).to.equal(endOf('2026-11-23'));
    });

    it('skips a holiday that runs into the weekend (中秋 2026-09-25 to 27)', () => {
      // Thursday 24 → Monday 28, not Friday 25.
      expect(due('2026-09-24T15:00:00+08:00', 1)).to.equal(endOf('2026-09-28'));
      // Received on the holiday itself, Friday 25 at 15:00.
      expect(due('2026-09-25T15:00:00+08:00', 1)).to.equal('2026-09-28T15:59:59.999Z');
    });

    it('skips National Day (2026-10-01 to 07) and counts the adjusted Saturday 10-10', () => {
      // Wednesday 09-30 → Thursday 10-08, Friday 10-09, then Saturday 10-10 is worked.
      expect(due('2026-09-30T10:00:00+08:00', 1)).to.equal(endOf('2026-10-08'));
      expect(due('2026-09-30T10:00:00+08:00', 2)).to.equal(endOf('2026-10-09'));
      expect(due('2026-09-30T10:00:00+08:00', 3)).to.equal(endOf('2026-10-10'));
      expect(due('2026-09-30T10:00:00+08:00', 4)).to.equal(endOf('2026-10-12'));
      // Received during the holiday.
      expect(due('2026-10-03T10:00:00+08:00', 1)).to.equal(endOf('2026-10-08'));
    });

    it('counts an adjusted working Sunday (2026-09-20) and Saturday (2026-02-14)', () => {
      expect(due('2026-09-19T10:00:00+08:00', 1)).to.equal(endOf('2026-09-20'));
      // Spring Festival: Friday 02-13 → Saturday 14 worked, then 15 to 23 off, Tuesday 24.
      expect(due('2026-02-13T10:00:00+08:00', 1)).to.equal(endOf('2026-02-14'));
      expect(due('2026-02-13T10:00:00+08:00', 2)).to.equal(endOf('2026-02-24'));
    });

    it('counts from the day in the shop\'s zone, not in UTC', () => {
      // Thursday 2026-11-19 17:30 UTC is already Friday 20 01:30 in Shanghai: Monday, not Friday.
      expect(due('2026-11-19T17:30:00Z', 1)).to.equal(endOf('2026-11-23'));
      // Friday 2026-11-20 15:59:59.999 UTC is still Friday in Shanghai.
      expect(due('2026-11-20T15:59:59.999Z', 1)).to.equal(endOf('2026-11-23'));
      // 16:00 UTC is Saturday in Shanghai: still Monday.
      expect(due('2026-11-20T16:00:00Z', 1)).to.equal(endOf('2026-11-23'));
    });

    it('gives the end of the day of arrival for 0 days', () => {
      expect(due('2026-10-03T10:00:00+08:00', 0)).to.equal(endOf('2026-10-03'));
    });

    it('ends the local day across a daylight-saving change', () => {
      const plain: WorkingCalendar = { timezone: 'America/Los_Angeles', weekend: [6, 0], holidays: new Set(), workdays: new Set(), confirmedYears: [] };
      // Friday 2026-03-06 (PST) → Monday 03-09, after clocks went forward on Sunday 03-08: 23:59:59.999 PDT.
      expect(addWorkingDays(new Date('2026-03-06T12:00:00-08:00'), 1, plain, 'America/Los_Angeles').toISOString())
        .to.equal('2026-03-10T06:59:59.999Z');
    });

    it('refuses a negative or fractional count, an invalid date, and a calendar without working days', () => {
      expect(() => due('2026-11-17T10:00:00+08:00', -1)).to.throw(RangeError, /whole number/);
      expect(() => due('2026-11-17T10:00:00+08:00', 1.5)).to.throw(RangeError, /whole number/);
      expect(() => addWorkingDays(new Date('not a date'), 1, china, SHANGHAI)).to.throw(RangeError, /invalid date/);
      const never: WorkingCalendar = { ...china, weekend: [0, 1, 2, 3, 4, 5, 6], workdays: new Set() };
      expect(() => addWorkingDays(new Date('2026-11-17T10:00:00Z'), 1, never, SHANGHAI)).to.throw(RangeError, /no working day/);
    });
  });

  describe('isWorkingDay()', () => {
    const working = (at: string) => isWorkingDay(new Date(at), china, SHANGHAI);

    it('knows weekdays, weekends, holidays and adjusted working days', () => {
      expect(working('2026-11-18T10:00:00+08:00')).to.equal(true); // Wednesday
      expect(working('2026-11-21T10:00:00+08:00')).to.equal(false); // Saturday
      expect(working('2026-10-05T10:00:00+08:00')).to.equal(false); // Monday, National Day
      expect(working('2026-10-10T10:00:00+08:00')).to.equal(true); // Saturday, adjusted
      expect(working('2026-01-04T10:00:00+08:00')).to.equal(true); // Sunday, adjusted
    });

    it('takes the day in the given zone', () => {
      // Wednesday 09-30 16:30 UTC is Thursday 10-01 00:30 in Shanghai, National Day.
      expect(working('2026-09-30T16:30:00Z')).to.equal(false);
      expect(isWorkingDay(new Date('2026-09-30T16:30:00Z'), china, 'UTC')).to.equal(true);
      expect(localDate(new Date('2026-09-30T16:30:00Z'), SHANGHAI)).to.equal('2026-10-01');
    });
  });
});
