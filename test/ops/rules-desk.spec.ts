import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../bot/logger.js';
import { RulesDesk, type ApplyResult, type DryRunResult, type RulesDryRun } from '../../bot/operations/rules-desk.js';
import { RulesVersions, type WriteFile } from '../../bot/operations/rules-versions.js';
import { loadRules } from '../../bot/rules-file.js';
import { RulesHolder } from '../../bot/rules-holder.js';
import { DEMO_RULES } from '../../data/demo/demo-rules.js';
import { seedDemoData } from '../../data/demo/seed.js';
import { seedDemoHistory } from '../../data/demo/seed-history.js';
import { SqliteAuditLog } from '../../data/sqlite/audit-log.js';
import { SqliteOperationsRecords } from '../../data/sqlite/operations-records.js';
import { openTempStore, type TempStore } from '../data/fixtures.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { rulesCopy, shippedLine, type RulesCopy } from './rules-support.js';

const NOW = new Date('2026-11-20T02:00:00.000Z');
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe('RulesDesk', () => {
  let temp: TempStore;
  let copy: RulesCopy;
  let holder: RulesHolder;
  /** What the desk logged, one object a line. */
  let logged: Record<string, unknown>[];
  let logger: Logger;

  before(async () => {
    temp = await openTempStore();
    await seedDemoData(temp.store, NOW);
    await seedDemoHistory(temp.store, NOW);
  });
  after(async () => temp.dispose());

  beforeEach(() => {
    copy = rulesCopy();
    holder = new RulesHolder(loadRules(copy.path));
    ({ logger, lines: logged } = capturingLogger());
  });
  afterEach(() => copy.dispose());

  function desk(writeFile?: WriteFile): RulesDesk {
    return new RulesDesk({
      versions: new RulesVersions(copy.path, writeFile),
      rules: holder,
      records: new SqliteOperationsRecords(temp.store.db),
      audit: new SqliteAuditLog(temp.store.db),
      clock: () => NOW,
      logger,
    });
  }

  function report(result: DryRunResult): RulesDryRun {
    if (!result.ok) throw new Error(`dry run refused: ${JSON.stringify(result.problems)}`);
    return result.report;
  }

  function applied(result: ApplyResult): Extract<ApplyResult, { ok: true }> {
    if (!result.ok) throw new Error(`apply refused: ${JSON.stringify(result)}`);
    return result;
  }

  describe('show()', () => {
    it('gives the file as written, comments and all, its sha256 as version, and its rules, in force', () => {
      const shown = desk().show();
      expect(shown.text).to.equal(copy.original.toString('utf8'));
      expect(shown.text).to.include('# Zone of the shop');
      expect(shown.version).to.equal(sha256(copy.original));
      expect([shown.file, shown.rules, shown.problems, shown.inForce]).to.deep.equal(['rules.yaml', DEMO_RULES, [], true]);
    });

    it('says when the file on disk is not what the bot uses, and what is wrong with a broken file', () => {
      writeFileSync(copy.path, copy.edited('days: 7', 'days: 9'));
      expect(desk().show().inForce).to.equal(false);
      writeFileSync(copy.path, copy.edited('days: 7', 'days: seven'));
      const shown = desk().show();
      expect([shown.rules, shown.inForce]).to.deep.equal([null, false]);
      expect(shown.problems.map(p => `${p.path}: ${p.message}`)).to.deep.equal(['window.days: must be a positive integer']);
    });
  });

  describe('dryRun()', () => {
    it('finds no change for the text in force, over the demo history', async () => {
      const result = report(await desk().dryRun(copy.original.toString('utf8'), 30));
      expect(result.total).to.be.greaterThan(100);
      expect([result.count, result.changed, result.skipped, result.differsFromStored]).to.deep.equal([0, [], 0, 0]);
      expect(result.money.refundableDeltaCents).to.equal(0);
      expect([result.from, result.to]).to.deep.equal(['2026-10-21T02:00:00.000Z', NOW.toISOString()]);
    });

    it('leaves out the cases a crisis preset decided: no change of the rules would have altered them', async () => {
      const window = copy.edited('days: 7', 'days: 3');
      const before = report(await desk().dryRun(window, 30));
      const victim = before.changed[0]!.caseId;
      const crisisDecision = (json: string) => JSON.stringify({ ...JSON.parse(json), crisisId: 'CR-1', reasons: ['crisis.preset'] });
      const original = temp.store.db.prepare<[string], string>('SELECT decision_json FROM cases WHERE id = ?').pluck().get(victim)!;
      temp.store.db.prepare('UPDATE cases SET decision_json = ? WHERE id = ?').run(crisisDecision(original), victim);
      try {
        const after = report(await desk().dryRun(window, 30));
        expect([after.total, after.count, after.byCrisis]).to.deep.equal([before.total - 1, before.count - 1, 1]);
        expect(after.changed.map(change => change.caseId)).to.not.include(victim);
      } finally {
        temp.store.db.prepare('UPDATE cases SET decision_json = ? WHERE id = ?').run(original, victim);
      }
    });

    it('a window of 3 days instead of 7 refuses some past cases, and less money is refundable', async () => {
      const result = report(await desk().dryRun(copy.edited('days: 7', 'days: 3'), 30));
      expect(result.count).to.be.greaterThan(0);
      expect(result.changed).to.have.length(result.count);
      for (const change of result.changed) {
        expect([change.before.refused, change.after.refused], change.caseId).to.deep.equal([false, true]);
        expect(change.after.reasons).to.include('window.expired');
        expect(change.createdAt >= result.from && change.createdAt < result.to).to.equal(true);
        expect(change.product.names.en, change.product.sku).to.be.a('string').and.not.equal('');
      }
      const lost = result.changed.reduce((sum, c) => sum + c.before.refundableCents - c.after.refundableCents, 0);
      expect(result.money.refundableDeltaCents).to.equal(-lost).and.be.below(0);
      expect(result.money.feesDeltaCents).to.equal(0);
      expect(result.version).to.equal(sha256(copy.edited('days: 7', 'days: 3')));
    });

    it('a handling fee of 20 % instead of 10 % changes only changed-mind fees, upwards', async () => {
      const result = report(await desk().dryRun(copy.edited('percent: 10', 'percent: 20'), 60));
      expect(result.count).to.be.greaterThan(0);
      for (const change of result.changed) {
        expect(change.reason).to.equal('changed_mind');
        expect(change.after.feeCents).to.be.greaterThan(change.before.feeCents);
      }
      expect(result.money.feesDeltaCents).to.be.greaterThan(0);
      expect(result.money.refundableDeltaCents).to.equal(0);
    });

    it('covers only the cases created in the last `days` days', async () => {
      const week = report(await desk().dryRun(copy.edited('days: 7', 'days: 3'), 7));
      const month = report(await desk().dryRun(copy.edited('days: 7', 'days: 3'), 30));
      expect(week.total).to.be.below(month.total);
      expect(week.changed, 'changes in the last week').to.not.be.empty;
      expect(week.changed.every(c => c.createdAt >= '2026-11-13T02:00:00.000Z')).to.equal(true);
    });

    it('refuses a wrong value, an unknown setting and broken YAML with the field, the line and the reason', async () => {
      const problems = async (text: string) => {
        const result = await desk().dryRun(text, 30);
        if (result.ok) throw new Error('accepted');
        return result.problems;
      };
      // window.days sits on line 21 of the shipped file.
      expect(await problems(copy.edited('days: 7', 'days: -1'))).to.deep.equal([{ path: 'window.days', message: 'must be a positive integer', line: shippedLine('  days: 7'), column: 3 }]);
      expect(await problems(copy.edited('days: 7', 'days: 7\n  weeks: 1'))).to.deep.equal([{ path: 'window.weeks', message: 'is not a known setting', line: shippedLine('  days: 7') + 1, column: 3 }]);
      expect(await problems(copy.edited('  days: 7', '\tdays: 7'))).to.deep.equal([{ path: '', message: 'YAML syntax error: Tabs are not allowed as indentation', line: shippedLine('  days: 7'), column: 1 }]);
      expect(await problems('')).to.deep.equal([{ path: '', message: 'must be a mapping of settings' }]);
    });

    it('insists on 1 to 365 days', async () => {
      for (const days of [0, 366, 1.5]) {
        let error: unknown;
        await desk().dryRun(copy.original.toString('utf8'), days).catch((e: unknown) => { error = e; });
        expect(error, String(days)).to.be.instanceOf(RangeError);
      }
    });
  });

  describe('apply()', () => {
    it('writes the text as given, keeps the previous file byte for byte, and the bot has the new rules at once', async () => {
      const rulesDesk = desk();
      const text = copy.edited('days: 7', 'days: 3');
      const result = applied(await rulesDesk.apply(text, sha256(copy.original), 'olivia'));

      expect(copy.bytes().toString('utf8')).to.equal(text);
      expect(result).to.deep.equal({ ok: true, version: sha256(text), previousVersion: sha256(copy.original), kept: 'rules-2026-11-20T02-00-00.000Z.yaml', appliedAt: NOW.toISOString() });
      expect(readFileSync(join(copy.dir, 'rules.history', result.kept!))).to.deep.equal(copy.original);
      expect(copy.files()).to.deep.equal(['rules.history', 'rules.history/rules-2026-11-20T02-00-00.000Z.yaml', 'rules.yaml']);
      expect(holder.current()).to.deep.equal({ ...DEMO_RULES, window: { days: 3 } });
      expect(rulesDesk.show()).to.deep.include({ version: result.version, inForce: true });
      expect(rulesDesk.history()).to.deep.equal([{ name: result.kept, keptAt: NOW.toISOString(), version: sha256(copy.original), bytes: copy.original.length }]);
      expect(rulesDesk.kept(result.kept!)).to.deep.equal({ text: copy.original.toString('utf8'), version: sha256(copy.original) });
      expect(logged.map(({ msg, by, version, previousVersion, kept }) => ({ msg, by, version, previousVersion, kept }))).to.deep.equal([
        { msg: 'rules applied from the operations console', by: 'olivia', version: result.version, previousVersion: sha256(copy.original), kept: result.kept },
      ]);
    });

    it('keeps every version, newest first, even two in the same millisecond', async () => {
      const rulesDesk = desk();
      const first = applied(await rulesDesk.apply(copy.edited('days: 7', 'days: 3'), sha256(copy.original), 'olivia'));
      const second = applied(await rulesDesk.apply(copy.edited('days: 7', 'days: 5'), first.version, 'olivia'));
      expect(second.kept).to.equal('rules-2026-11-20T02-00-00.000Z-1.yaml');
      expect(rulesDesk.history().map(k => [k.name, k.version])).to.deep.equal([[second.kept, first.version], [first.kept, sha256(copy.original)]]);
      expect(holder.current().window.days).to.equal(5);
    });

    it('refuses invalid text with the same problems as the dry run, and writes nothing', async () => {
      const result = await desk().apply(copy.edited('days: 7', 'days: -1'), sha256(copy.original), 'olivia');
      expect(result).to.deep.equal({ ok: false, reason: 'invalid', problems: [{ path: 'window.days', message: 'must be a positive integer', line: shippedLine('  days: 7'), column: 3 }] });
      expect(copy.bytes()).to.deep.equal(copy.original);
      expect(copy.files()).to.deep.equal(['rules.yaml']);
      expect(holder.current()).to.deep.equal(DEMO_RULES);
    });

    it('refuses a stale version (someone applied first): one of two concurrent applies wins, nothing else is written', async () => {
      const rulesDesk = desk();
      const version = sha256(copy.original);
      const [a, b] = await Promise.all([
        rulesDesk.apply(copy.edited('days: 7', 'days: 3'), version, 'olivia'),
        rulesDesk.apply(copy.edited('days: 7', 'days: 10'), version, 'oscar'),
      ]);
      expect(a.ok).to.equal(true);
      expect(b).to.deep.equal({ ok: false, reason: 'conflict', currentVersion: sha256(copy.edited('days: 7', 'days: 3')) });
      expect(copy.bytes().toString('utf8')).to.equal(copy.edited('days: 7', 'days: 3'));
      expect(rulesDesk.history()).to.have.length(1);
      expect(holder.current().window.days).to.equal(3);
    });

    it('refuses a version the file no longer has after an edit on disk', async () => {
      const edited = copy.edited('days: 7', 'days: 8');
      writeFileSync(copy.path, edited);
      const result = await desk().apply(copy.edited('days: 7', 'days: 3'), sha256(copy.original), 'olivia');
      expect(result).to.deep.equal({ ok: false, reason: 'conflict', currentVersion: sha256(edited) });
      expect(copy.bytes().toString('utf8')).to.equal(edited);
      expect(holder.current()).to.deep.equal(DEMO_RULES);
    });

    it('leaves the old file, the history and the rules in force as they were when the disk is full', async () => {
      const fullDisk: WriteFile = (path, data) => {
        writeFileSync(path, data.subarray(0, 100));
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      };
      const result = await desk(fullDisk).apply(copy.edited('days: 7', 'days: 3'), sha256(copy.original), 'olivia');
      expect(result).to.deep.equal({ ok: false, reason: 'write_failed', message: 'the rules file could not be written (ENOSPC); the file and the rules in force are unchanged' });
      expect(copy.bytes()).to.deep.equal(copy.original);
      expect(copy.files()).to.deep.equal(['rules.history', 'rules.yaml']);
      expect(holder.current()).to.deep.equal(DEMO_RULES);
    });

    it('applying the text already in the file keeps no copy but puts it in force (after an edit on disk)', async () => {
      const edited = copy.edited('days: 7', 'days: 8');
      writeFileSync(copy.path, edited);
      const result = applied(await desk().apply(edited, sha256(edited), 'olivia'));
      expect([result.kept, result.version, holder.current().window.days]).to.deep.equal([null, sha256(edited), 8]);
      expect(copy.files()).to.deep.equal(['rules.yaml']);
    });
  });
});
