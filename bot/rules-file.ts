import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { parseRules } from '../policies/rules-schema.js';
import type { Rules } from '../policies/types.js';
import { ReturnbotError } from './errors.js';

/** The rules shipped with returnbot, found from this file so the working directory does not matter. */
export const defaultRulesPath = fileURLToPath(new URL('../data/rules.yaml', import.meta.url));

/**
 * Reads an operator's rules file. Any problem stops start-up with code `rules_invalid` and one
 * line per problem naming the file and the setting, e.g.
 * `data/rules.yaml: window.days: must be a positive integer`.
 */
export function loadRules(path: string): Rules {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readText(path), { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return `${path}:${line}:${col}: YAML syntax error: ${error.message}`;
    });
    throw new ReturnbotError('rules_invalid', lines.join('\n'));
  }

  const parsed = parseRules(doc.toJS());
  if (!parsed.ok) {
    const lines = parsed.problems.map((p) => (p.field ? `${path}: ${p.field}: ${p.message}` : `${path}: ${p.message}`));
    throw new ReturnbotError('rules_invalid', lines.join('\n'));
  }
  return parsed.rules;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ReturnbotError('rules_invalid', `${path}: cannot read the rules file (${code})`, { cause: error });
  }
}
