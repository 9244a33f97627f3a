import { fileURLToPath } from 'node:url';
import { parseRules } from '../policies/rules-schema.js';
import type { Rules } from '../policies/types.js';
import { loadSettingsFile, parseSettingsText, type Parsed, type ParsedText } from './settings-file.js';

/** The rules shipped with returnbot, found from this file so the working directory does not matter. */
export const defaultRulesPath = fileURLToPath(new URL('../data/rules.yaml', import.meta.url));

/**
 * Reads an operator's rules file. Any problem stops start-up with code `rules_invalid` and one
 * line per problem naming the file and the setting, e.g.
 * `data/rules.yaml: window.days: must be a positive integer`.
 */
export function loadRules(path: string): Rules {
  return loadSettingsFile(path, 'rules file', rulesOf);
}

/** Proposed rules as the operator typed them, checked exactly as loadRules checks the file. */
export function parseRulesText(text: string): ParsedText<Rules> {
  return parseSettingsText(text, rulesOf);
}

function rulesOf(raw: unknown): Parsed<Rules> {
  const parsed = parseRules(raw);
  return parsed.ok ? { ok: true, value: parsed.rules } : parsed;
}
