import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { isCoded } from '../../bot/errors.js';
import { defaultRulesPath, loadRules } from '../../bot/rules-file.js';
import { documentedDefaults } from '../support/documented-rules.js';

describe('loadRules()', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'returnbot-rules-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes `text` to a fresh rules file and returns its path. */
  function rulesFile(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  /** The shipped rules with one section changed, written back as YAML. */
  function shippedWith(name: string, change: (raw: Record<string, any>) => void): string {
    const raw = parse(readFileSync(defaultRulesPath, 'utf8'));
    change(raw);
    return rulesFile(name, stringify(raw));
  }

  /** The message of the rules_invalid error that loading `path` raises. */
  function failure(path: string): string {
    try {
      loadRules(path);
    } catch (error) {
      expect(isCoded(error, 'rules_invalid'), String(error)).to.equal(true);
      return (error as Error).message;
    }
    throw new Error(`${path} was accepted`);
  }

  it('loads the shipped data/rules.yaml with the documented defaults', () => {
    expect(loadRules(defaultRulesPath)).to.deep.equal(documentedDefaults);
  });

  it('names file, line and column of a YAML syntax error', () => {
    const path = rulesFile('tabs.yaml', 'version: 1\nwindow:\n\tdays: 7\n');
    expect(failure(path)).to.equal(`${path}:3:1: YAML syntax error: Tabs are not allowed as indentation`);
  });

  it('names the line of a setting given twice', () => {
    const path = rulesFile('twice.yaml', 'version: 1\nwindow:\n  days: 7\nwindow:\n  days: 8\n');
    expect(failure(path)).to.equal(`${path}:4:1: YAML syntax error: Map keys must be unique`);
  });

  it('names file and field of a value of the wrong type', () => {
    const path = shippedWith('type.yaml', (raw) => {
      raw['window'].days = 'seven';
    });
    expect(failure(path)).to.equal(`${path}: window.days: must be a positive integer`);
  });

  it('names file and field of an unknown reason', () => {
    const path = shippedWith('reason.yaml', (raw) => {
      raw['photos'].requiredFor = ['quality', 'mould'];
    });
    expect(failure(path)).to.equal(
      `${path}: photos.requiredFor[1]: must be one of quality, transit_damage, damage_unclear, wrong_item, missing_item, not_as_described, changed_mind (got "mould")`,
    );
  });

  it('names file and field of a minimum above its maximum', () => {
    const path = shippedWith('range.yaml', (raw) => {
      raw['photos'].min = 6;
    });
    expect(failure(path)).to.equal(`${path}: photos.max: must be at least min`);
  });

  it('names file and field of a time zone that does not exist', () => {
    const path = shippedWith('zone.yaml', (raw) => {
      raw['timezone'] = 'China/Shanghai';
    });
    expect(failure(path)).to.equal(`${path}: timezone: must be an IANA time zone such as Asia/Shanghai (got "China/Shanghai")`);
  });

  it('gives one line per problem', () => {
    const path = shippedWith('many.yaml', (raw) => {
      raw['window'].days = 0;
      raw['autoRefundLimitCents'].member = 100;
    });
    expect(failure(path)).to.equal(
      [
        `${path}: window.days: must be a positive integer`,
        `${path}: autoRefundLimitCents.member: must be at least the regular limit (members get a higher one)`,
      ].join('\n'),
    );
  });

  it('refuses an empty file', () => {
    const path = rulesFile('empty.yaml', '');
    expect(failure(path)).to.equal(`${path}: must be a mapping of settings`);
  });

  it('names a file that cannot be read', () => {
    const path = join(dir, 'missing.yaml');
    expect(failure(path)).to.equal(`${path}: cannot read the rules file (ENOENT)`);
  });
});
