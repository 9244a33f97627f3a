import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCalendarPath, loadCalendar } from '../../bot/calendar-file.js';
import { isCoded } from '../../bot/errors.js';

/** Every date from `from` to `to`, both included. */
function days(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= Date.parse(`${to}T00:00:00Z`); day += 86_400_000) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}

describe('loadCalendar()', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'returnbot-calendar-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  function calendarFile(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  function failure(path: string): string {
    try {
      loadCalendar(path);
    } catch (error) {
      expect(isCoded(error, 'rules_invalid'), String(error)).to.equal(true);
      return (error as Error).message;
    }
    throw new Error(`${path} was accepted`);
  }

  const VALID = 'timezone: Asia/Shanghai\nweekend: [saturday, sunday]\nholidays: [2026-10-01]\nworkdays: [2026-10-10]\n';

  it('loads the shipped China calendar: the State Council\'s 2026 schedule, 2027 not confirmed', () => {
    const china = loadCalendar(defaultCalendarPath);
    expect(china.timezone).to.equal('Asia/Shanghai');
    expect(china.weekend).to.have.members([6, 0]);
    expect(china.confirmedYears).to.deep.equal([2026]);
    const in2026 = [...china.holidays].filter((day) => day.startsWith('2026-'));
    expect(in2026).to.have.members([
      ...days('2026-01-01', '2026-01-03'), // 元旦
      ...days('2026-02-15', '2026-02-23'), // 春节
      ...days('2026-04-04', '2026-04-06'), // 清明节
      ...days('2026-05-01', '2026-05-05'), // 劳动节
      ...days('2026-06-19', '2026-06-21'), // 端午节
      ...days('2026-09-25', '2026-09-27'), // 中秋节
      ...days('2026-10-01', '2026-10-07'), // 国庆节
    ]);
    expect(in2026).to.have.length(33);
    expect([...china.workdays].filter((day) => day.startsWith('2026-'))).to.have.members([
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
    // 2027: only the statutory fixed dates until the notice is entered.
    expect([...china.holidays].filter((day) => day.startsWith('2027-'))).to.have.members([
      '2027-01-01', '2027-05-01', '2027-05-02', '2027-10-01', '2027-10-02', '2027-10-03',
    ]);
  });

  it('accepts single dates, named days and named ranges', () => {
    const path = calendarFile('forms.yaml', [
      'timezone: Asia/Shanghai',
      'weekend: [sunday]',
      'holidays:',
      '  - 2026-01-01',
      '  - { name: 国庆节, from: 2026-10-01, to: 2026-10-03 }',
      'workdays:',
      '  - { name: 调休, date: 2026-10-11 }',
      '',
    ].join('\n'));
    const calendar = loadCalendar(path);
    expect([...calendar.holidays]).to.deep.equal(['2026-01-01', '2026-10-01', '2026-10-02', '2026-10-03']);
    expect([...calendar.workdays]).to.deep.equal(['2026-10-11']);
    expect(calendar.weekend).to.deep.equal([0]);
    expect(calendar.confirmedYears).to.deep.equal([]);
  });

  it('names file, line and column of a YAML syntax error', () => {
    const path = calendarFile('tabs.yaml', 'timezone: Asia/Shanghai\nholidays:\n\t- 2026-10-01\n');
    expect(failure(path)).to.match(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: YAML syntax error: `));
  });

  it('names file and field of every problem', () => {
    const path = calendarFile('bad.yaml', [
      'timezone: Asia/Shanghia',
      'weekend: [saturday, sun]',
      'holidays:',
      '  - 2026-02-30',
      '  - { name: 国庆节, from: 2026-10-07, to: 2026-10-01 }',
      '  - { name: 春节, from: 2026-02-15 }',
      '  - { name: 元旦, day: 2026-01-01 }',
      '  - { name: 全年, from: 2026-01-01, to: 2026-12-31 }',
      'workdays: [2026-10-10]',
      'weekdays: [monday]',
      '',
    ].join('\n'));
    expect(failure(path).split('\n')).to.deep.equal([
      `${path}: timezone: must be an IANA time zone such as Asia/Shanghai (got "Asia/Shanghia")`,
      `${path}: weekend[1]: must be one of sunday, monday, tuesday, wednesday, thursday, friday, saturday (got "sun")`,
      `${path}: holidays[0]: must be a date YYYY-MM-DD (got "2026-02-30")`,
      `${path}: holidays[1].to: must not be before from (2026-10-07)`,
      `${path}: holidays[2].to: is required with from`,
      `${path}: holidays[3].day: is not a known setting`,
      `${path}: holidays[3]: must give date, or from and to`,
      `${path}: holidays[4].to: must be less than 31 days after from (2026-01-01)`,
      `${path}: weekdays: is not a known setting`,
    ]);
  });

  it('refuses a working day that is a holiday too, or not on the weekend', () => {
    const path = calendarFile('workdays.yaml', [
      'timezone: Asia/Shanghai',
      'weekend: [saturday, sunday]',
      'holidays: [2026-10-10]',
      'workdays: [2026-10-10, 2026-09-21]',
      '',
    ].join('\n'));
    expect(failure(path).split('\n')).to.deep.equal([
      `${path}: workdays[0]: 2026-10-10 is also listed as a holiday`,
      `${path}: workdays[1]: 2026-09-21 is a monday, worked anyway: only weekend days belong here`,
    ]);
  });

  it('refuses a week without working days, and names missing settings', () => {
    const allWeek = calendarFile('all-week.yaml', VALID.replace('[saturday, sunday]', '[sunday, monday, tuesday, wednesday, thursday, friday, saturday]'));
    expect(failure(allWeek)).to.equal(`${allWeek}: weekend: must leave at least one day of the week worked`);
    const empty = calendarFile('empty.yaml', 'timezone: Asia/Shanghai\n');
    expect(failure(empty).split('\n')).to.deep.equal([`${empty}: weekend: is required`, `${empty}: holidays: is required`]);
  });

  it('says when the file cannot be read', () => {
    const path = join(dir, 'missing.yaml');
    expect(failure(path)).to.equal(`${path}: cannot read the calendar file (ENOENT)`);
  });

  it('ships the calendar at data/calendar/china.yaml, whatever the working directory', () => {
    expect(defaultCalendarPath).to.match(/data[\\/]calendar[\\/]china\.yaml$/);
  });
});
