import { z } from 'zod';

/** A setting that does not fit its schema: `field` is a dotted path such as `holidays[2].to`. */
export interface SettingProblem {
  field: string;
  message: string;
}

/** Zod's issues as one problem per setting, unknown keys named one by one. */
export function settingProblems(issues: readonly z.core.$ZodIssue[]): SettingProblem[] {
  return issues.flatMap(issue =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map(key => ({ field: fieldOf([...issue.path, key]), message: 'is not a known setting' }))
      : [{ field: fieldOf(issue.path), message: issue.message }]);
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${String(part)}`)).join('');
}

/** Messages in an operator's words: the setting is missing, or what its value must be. */
export function must(what: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`) };
}

/** A setting naming the IANA time zone a file's days are counted in (rules, working-day calendar). */
export const timeZoneSetting = () =>
  z.string(must('a time zone name')).refine(isTimeZone, {
    error: (issue) => `must be an IANA time zone such as Asia/Shanghai (got ${JSON.stringify(issue.input)})`,
  });

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
