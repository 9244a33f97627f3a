import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { openCore } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { defaultRulesPath } from '../../bot/rules-file.js';
import { signIn, startOpsBot } from '../support/ops-bot.js';
import { chat } from '../support/transcript.js';
import { openMilletOverHttp } from './crisis-support.js';

// A crisis is a promise to customers: it must hold across a restart, and in every way the bot
// runs (the terminal chat opens the same core as the server, without the console).
describe('a crisis open when the bot restarts', function () {
  this.timeout(60_000);

  it('still decides the next request about its batch, in a core opened on the same store', async () => {
    const ops = await startOpsBot();
    try {
      const crisisId = await openMilletOverHttp(ops, await signIn(ops, 'olivia'));
      await ops.bot.stop();

      const config = loadConfig({ PORT: '0', DATA_DIR: ops.dataDir, RULES_FILE: defaultRulesPath, LOG_LEVEL: 'silent' }, 'test settings');
      const core = await openCore(config, { clock: ops.clock.now, logger: createLogger('silent') });
      try {
        expect(core.crises.current().map(open => open.id)).to.deep.equal([crisisId]);
        await chat(core, 'after-restart', 'web')
          .customer('我昨天收到的小米有发霉的,订单号是123456,尾号5678').bot(/几件/)
          .customer('1').bot(/请核对/).botNot(/拍照/)
          .customer('确认').bot(/B-MIL-2611/)
          .caseIs({ status: 'approved', decision: { reasons: ['crisis.preset'], crisisId } });
      } finally {
        await core.store.close();
      }
    } finally {
      rmSync(ops.dataDir, { recursive: true, force: true });
    }
  });
});
