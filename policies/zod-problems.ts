import type { z } from 'zod';

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
