import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { RulesDesk } from '../../bot/operations/rules-desk.js';
import { RulesVersions } from '../../bot/operations/rules-versions.js';
import { SqliteAuditLog } from '../../data/sqlite/audit-log.js';
import { SqliteOperationsRecords } from '../../data/sqlite/operations-records.js';
import { pngPhoto } from '../support/images.js';
import { TestClock } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';
import { rulesCopy, type RulesCopy } from './rules-support.js';

/** The bot's own composition (openCore) on a copy of the rules: what the console changes is what the engine reads. */
describe('rules applied from the console, without a restart', () => {
  let copy: RulesCopy;
  let dataDir: string;
  let core: Core;
  let desk: RulesDesk;

  beforeEach(async () => {
    copy = rulesCopy();
    dataDir = mkdtempSync(join(tmpdir(), 'returnbot-hot-rules-'));
    const clock = new TestClock(new Date('2026-11-20T10:00:00+08:00'));
    const config = loadConfig({ DATA_DIR: dataDir, RULES_FILE: copy.path, LOG_LEVEL: 'silent', DEMO_DATA: 'true' }, 'test settings');
    core = await openCore(config, { clock: clock.now, logger: createLogger('silent') });
    desk = new RulesDesk({ versions: new RulesVersions(copy.path), rules: core.rules, records: new SqliteOperationsRecords(core.store.db), audit: new SqliteAuditLog(core.store.db), clock: clock.now, logger: core.logger });
  });
  afterEach(async () => {
    await core.store.close();
    rmSync(dataDir, { recursive: true, force: true });
    copy.dispose();
  });

  it('zh-Hans: the kettle delivered 10 days ago is refused at 7 days, accepted on the next turn once 14 days are applied', async () => {
    await chat(core)
      .customer('水壶坏了,不能用,订单123457').bot(/后四位/)
      .customer('5678').bot(/拍照/)
      .photo(pngPhoto(40)).bot(/请核对/)
      .customer('确认').bot(/无法受理/, /签收后 7 天内/)
      .caseIs({ status: 'refused', decision: { reasons: ['window.expired'] } });

    const text = copy.edited('days: 7', 'days: 14');
    const result = await desk.apply(text, createHash('sha256').update(copy.original).digest('hex'), 'olivia');
    expect(result.ok, JSON.stringify(result)).to.equal(true);

    await chat(core)
      .customer('水壶坏了,不能用,订单123457').bot(/后四位/)
      .customer('5678').bot(/拍照/)
      .photo(pngPhoto(41)).bot(/请核对/)
      .customer('确认').bot(/签收后 14 天内/).botNot(/无法受理/);
  });
});
