import { readFileSync } from 'node:fs';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { SettingProblem } from '../policies/zod-problems.js';
import { ReturnbotError } from './errors.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: SettingProblem[] };

/**
 * What is wrong with a settings text: YAML that does not parse (where), or a setting that does
 * not fit (which, and where it is written when the text has it, so an editor can point at it).
 */
export type TextProblem =
  | { kind: 'syntax'; line: number; column: number; message: string }
  | { kind: 'setting'; field: string; message: string; line?: number; column?: number };

export type ParsedText<T> = { ok: true; value: T } | { ok: false; problems: TextProblem[] };

/**
 * Reads a YAML file operators edit (rules, calendar). Any problem stops start-up with code
 * `rules_invalid` and one line per problem naming the file and the setting, e.g.
 * `data/rules.yaml: window.days: must be a positive integer` or `data/rules.yaml:3:1: YAML syntax error: …`.
 */
export function loadSettingsFile<T>(path: string, what: string, parse: (raw: unknown) => Parsed<T>): T {
  const parsed = parseSettingsText(readText(path, what), parse);
  if (!parsed.ok) throw new ReturnbotError('rules_invalid', parsed.problems.map(problem => problemLine(path, problem)).join('\n'));
  return parsed.value;
}

/** The same checks as loadSettingsFile on a text not yet saved (the console's proposed rules). */
export function parseSettingsText<T>(text: string, parse: (raw: unknown) => Parsed<T>): ParsedText<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map(error => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { kind: 'syntax', line, column: col, message: error.message };
      }),
    };
  }
  const parsed = parse(doc.toJS());
  if (parsed.ok) return parsed;
  return {
    ok: false,
    problems: parsed.problems.map(problem => {
      const offset = offsetOf(doc, problem.field);
      if (offset === undefined) return { kind: 'setting', ...problem };
      const { line, col } = lineCounter.linePos(offset);
      return { kind: 'setting', ...problem, line, column: col };
    }),
  };
}

function problemLine(path: string, problem: TextProblem): string {
  if (problem.kind === 'syntax') return `${path}:${problem.line}:${problem.column}: YAML syntax error: ${problem.message}`;
  return problem.field ? `${path}: ${problem.field}: ${problem.message}` : `${path}: ${problem.message}`;
}

/**
 * Where a field (`holidays[2].to`) is written: the key of a mapping entry, the item of a list.
 * A field that is not written points at its nearest written parent (a required setting left out
 * points at its section); undefined when not even that is in the text.
 */
function offsetOf(doc: Document, field: string): number | undefined {
  const path = (field.match(/[^.[\]]+|\[\d+\]/g) ?? []).map(part => (part.startsWith('[') ? Number(part.slice(1, -1)) : part));
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find(item => (isScalar(item.key) ? item.key.value : item.key) === part);
      if (!pair) break;
      offset = isNode(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number' && isNode(node.items[part])) {
      node = node.items[part];
      offset = isNode(node) ? node.range?.[0] : offset;
    } else {
      break;
    }
  }
  return offset;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ReturnbotError('rules_invalid', `${path}: cannot read the ${what} (${code})`, { cause: error });
  }
}
