import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../bot/logger.js';
import { CrisisDesk } from '../../bot/operations/crisis-desk.js';
import { OpenCrises } from '../../bot/operations/open-crises.js';
import type { SignedInOperator } from '../../bot/operations/operators.js';
import { RulesDesk } from '../../bot/operations/rules-desk.js';
import { RulesVersions } from '../../bot/operations/rules-versions.js';
import { loadRules } from '../../bot/rules-file.js';
import { RulesHolder } from '../../bot/rules-holder.js';
import { seedDemoData } from '../../data/demo/seed.js';
import { SqliteAuditLog } from '../../data/sqlite/audit-log.js';
import { SqliteCrisisStore } from '../../data/sqlite/crisis-store.js';
import { SqliteOperationsRecords } from '../../data/sqlite/operations-records.js';
import { openTempStore, type TempStore } from '../data/fixtures.js';
import { TestClock } from '../support/test-bot.js';
import { everything } from './audit-support.js';
import { mouldyMilletCrisis } from './crisis-support.js';
import { rulesCopy, type RulesCopy } from './rules-support.js';

const olivia: SignedInOperator = { username: 'olivia', role: 'operator' };

describe('audit trail: the crisis and rules desks record what operators did', () => {
  let temp: TempStore;
  let clock: TestClock;
  let audit: SqliteAuditLog;

  beforeEach(async () => {
    temp = await openTempStore();
    clock = new TestClock(new Date('2026-11-20T02:00:00.000Z'));
    await seedDemoData(temp.store, clock.current);
    audit = new SqliteAuditLog(temp.store.db);
  });
  afterEach(async () => temp.dispose());

  describe('crisis desk', () => {
    let desk: CrisisDesk;
    beforeEach(() => {
      desk = new CrisisDesk({
        store: new SqliteCrisisStore(temp.store.db),
        openCrises: new OpenCrises(),
        notifier: { kick() {} },
        audit,
        clock: clock.now,
        logger: createLogger('silent'),
      });
    });

    it('records opening, notifying and closing, with who, the crisis and when; newest first', async () => {
      const opened = await desk.open(mouldyMilletCrisis(), olivia);
      if (!opened.ok) throw new Error(opened.message);
      const id = opened.crisis.id;
      clock.advanceMinutes(5);
      const notified = await desk.notify(id, { username: 'otto', role: 'operator' });
      if (!notified.ok) throw new Error(notified.message);
      clock.advanceMinutes(5);
      expect(await desk.close(id, olivia)).to.include({ ok: true });

      const entries = await everything(audit);
      expect(entries.map(({ who, what, subject, at }) => ({ who, what, subject, at }))).to.deep.equal([
        { who: 'olivia', what: 'crisis.closed', subject: id, at: '2026-11-20T02:10:00.000Z' },
        { who: 'otto', what: 'crisis.notified', subject: id, at: '2026-11-20T02:05:00.000Z' },
        { who: 'olivia', what: 'crisis.opened', subject: id, at: '2026-11-20T02:00:00.000Z' },
      ]);
      const [closed, notice, open] = entries;
      expect(open!.details).to.deep.equal({ scope: { kind: 'batch', value: 'B-MIL-2611' }, preset: mouldyMilletCrisis()['preset'] });
      expect(notice!.details).to.deep.equal({ audience: notified.audience, queued: notified.queued });
      expect(closed!.details).to.deep.equal({ scope: { kind: 'batch', value: 'B-MIL-2611' } });
    });

    it('records nothing for a refused change', async () => {
      expect(await desk.open(mouldyMilletCrisis({ scope: { kind: 'batch', value: 'B-NOPE' } }), olivia)).to.include({ ok: false });
      expect(await desk.close('CR-20261120-000000', olivia)).to.include({ ok: false });
      expect(await everything(audit)).to.deep.equal([]);
    });
  });

  describe('rules desk', () => {
    let copy: RulesCopy;
    let desk: RulesDesk;
    beforeEach(() => {
      copy = rulesCopy();
      desk = new RulesDesk({
        versions: new RulesVersions(copy.path),
        rules: new RulesHolder(loadRules(copy.path)),
        records: new SqliteOperationsRecords(temp.store.db),
        audit,
        clock: clock.now,
        logger: createLogger('silent'),
      });
    });
    afterEach(() => copy.dispose());

    it('records an apply with the old and new versions and where the old file was kept', async () => {
      const previousVersion = createHash('sha256').update(copy.original).digest('hex');
      const result = await desk.apply(copy.edited('days: 7', 'days: 3'), previousVersion, 'olivia');
      if (!result.ok) throw new Error(JSON.stringify(result));

      const [entry, ...others] = await everything(audit);
      expect(others).to.deep.equal([]);
      expect(entry).to.deep.include({ who: 'olivia', what: 'rules.applied', subject: result.version, at: '2026-11-20T02:00:00.000Z' });
      expect(entry!.details).to.deep.equal({ previousVersion, version: result.version, kept: `rules.history/${result.kept}` });
      expect(existsSync(join(copy.dir, entry!.details['kept'] as string))).to.equal(true);
    });

    it('records nothing when the apply is refused', async () => {
      expect(await desk.apply(copy.edited('days: 7', 'days: 3'), 'not-the-version', 'olivia')).to.include({ ok: false, reason: 'conflict' });
      expect(await desk.apply(copy.edited('days: 7', 'days: -1'), 'whatever', 'olivia')).to.include({ ok: false, reason: 'invalid' });
      expect(await everything(audit)).to.deep.equal([]);
    });
  });
});
