/** A temporary copy of the shipped rules file, for the rules page's tests: the repo's file is never written. */
import { expect } from 'chai';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRulesPath } from '../../bot/rules-file.js';

export interface RulesCopy {
  dir: string;
  path: string;
  /** The shipped file's bytes, as copied. */
  original: Buffer;
  /** The shipped text with `from` replaced by `to`; fails if `from` is not in it. */
  edited(from: string, to: string): string;
  /** The file's bytes now. */
  bytes(): Buffer;
  /** Every name in the rules file's folder and its history folder. */
  files(): string[];
  dispose(): void;
}

export function rulesCopy(): RulesCopy {
  const dir = mkdtempSync(join(tmpdir(), 'returnbot-rules-desk-'));
  const path = join(dir, 'rules.yaml');
  copyFileSync(defaultRulesPath, path);
  const original = readFileSync(path);
  const list = (folder: string): string[] => {
    try {
      return readdirSync(folder);
    } catch {
      return [];
    }
  };
  return {
    dir,
    path,
    original,
    edited(from, to) {
      const text = original.toString('utf8');
      expect(text, `the shipped rules should contain ${JSON.stringify(from)}`).to.include(from);
      return text.replace(from, to);
    },
    bytes: () => readFileSync(path),
    files: () => [...list(dir), ...list(join(dir, 'rules.history')).map(name => `rules.history/${name}`)].sort(),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** 1-based line of the shipped rules file that starts with `start`: problems name lines, and the file's header may grow. */
export function shippedLine(start: string): number {
  const index = readFileSync(defaultRulesPath, 'utf8').split('\n').findIndex(line => line.startsWith(start));
  expect(index, `the shipped rules should have a line starting ${JSON.stringify(start)}`).to.be.at.least(0);
  return index + 1;
}
