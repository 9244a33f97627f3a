import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { SettingProblem } from '../policies/zod-problems.js';
import { ReturnbotError } from './errors.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: SettingProblem[] };

/**
 * Reads a YAML file operators edit (rules, calendar). Any problem stops start-up with code
 * `rules_invalid` and one line per problem naming the file and the setting, e.g.
 * `data/rules.yaml: window.days: must be a positive integer` or `data/rules.yaml:3:1: YAML syntax error: …`.
 */
export function loadSettingsFile<T>(path: string, what: string, parse: (raw: unknown) => Parsed<T>): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readText(path, what), { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map(error => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return `${path}:${line}:${col}: YAML syntax error: ${error.message}`;
    });
    throw new ReturnbotError('rules_invalid', lines.join('\n'));
  }
  const parsed = parse(doc.toJS());
  if (!parsed.ok) {
    const lines = parsed.problems.map(problem => (problem.field ? `${path}: ${problem.field}: ${problem.message}` : `${path}: ${problem.message}`));
    throw new ReturnbotError('rules_invalid', lines.join('\n'));
  }
  return parsed.value;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ReturnbotError('rules_invalid', `${path}: cannot read the ${what} (${code})`, { cause: error });
  }
}
