import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Engine } from '../../bot/engine.js';
import { createLogger } from '../../bot/logger.js';
import { OutboxDispatcher } from '../../bot/outbox-dispatcher.js';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';
import { engineOver, FakeChannel, inbound, texts } from './engine-support.js';

const GRACE_MS = 30_000;

/** Outbox entries not yet marked delivered, oldest first. */
const pending = (bot: TestBot) =>
  (bot.store.db.prepare('SELECT payload_json FROM outbox WHERE delivered_at IS NULL ORDER BY id').pluck().all() as string[])
    .map(payload => (JSON.parse(payload) as { text: string }).text);

function dispatcherOf(bot: TestBot, engine: Engine = bot.engine): OutboxDispatcher {
  return new OutboxDispatcher({
    store: bot.store,
    push: (channel, userId, deliveries) => engine.push(channel, userId, deliveries),
    clock: bot.clock.now,
    logger: createLogger('silent'),
    graceMs: GRACE_MS,
  });
}

const later = (bot: TestBot, ms: number) => { bot.clock.current = new Date(bot.clock.current.getTime() + ms); };

describe('engine: the outbox dispatcher', () => {
  let bot: TestBot;
  let channel: FakeChannel;
  beforeEach(async () => {
    bot = await startTestBot();
    channel = new FakeChannel('test');
    bot.engine.attach(channel);
  });
  afterEach(async () => bot.close());

  /** A refunded quality case of `userId`, every reply of it delivered. */
  async function approvedCase(userId: string): Promise<string> {
    const c = chat(bot, userId)
      .customer('我昨天收到的小米有发霉的,订单号是123456').customer('5678').customer('2')
      .photo(pngPhoto(61)).customer('确认').customer('退款').bot(/工单号是/);
    await c;
    expect(pending(bot)).to.deep.equal([]);
    return (await c.latestCase())!.id;
  }

  describe('proactive messages', () => {
    it('sent at once when the channel works, and never again by the dispatcher', async () => {
      const caseId = await approvedCase('closed-ok');
      await bot.engine.closeCase(caseId, 'agent', 'refund paid');
      expect(channel.sentTexts()).to.have.length(1);
      expect(channel.sentTexts()[0]).to.match(new RegExp(`工单 ${caseId} 已完成`));
      expect(pending(bot)).to.deep.equal([]);
      later(bot, GRACE_MS * 10);
      await dispatcherOf(bot).runOnce();
      expect(channel.sent).to.have.length(1);
    });

    it('a delivery whose channel throws stays pending and goes out with a later dispatch, once', async () => {
      const caseId = await approvedCase('closed-down');
      channel.failing = true;
      await bot.engine.closeCase(caseId, 'agent', 'refund paid');
      expect(channel.sent).to.deep.equal([]);
      expect(pending(bot)).to.have.length(1);
      expect((await bot.store.findCase(caseId))!.status).to.equal('closed');

      const dispatcher = dispatcherOf(bot);
      await dispatcher.runOnce();
      later(bot, GRACE_MS + 1000);
      await dispatcher.runOnce();
      expect(channel.sent, 'the channel is still down').to.deep.equal([]);
      expect(pending(bot)).to.have.length(1);

      channel.failing = false;
      await dispatcher.runOnce();
      expect(channel.sent, 'within the grace of the failed try').to.deep.equal([]);
      later(bot, GRACE_MS + 1000);
      await dispatcher.runOnce();
      expect(channel.sent).to.have.length(1);
      expect(channel.sent[0]!.userId).to.equal('closed-down');
      expect(channel.sentTexts()[0]).to.match(new RegExp(`工单 ${caseId} 已完成`));
      expect(pending(bot)).to.deep.equal([]);

      later(bot, GRACE_MS * 10);
      await dispatcher.runOnce();
      expect(channel.sent, 'never twice').to.have.length(1);
      await chat(bot, 'closed-down').customer('5').bot(/有什么需要我们改进的吗/);
    });

    it('a case closed twice (a retried agent action) asks the survey once', async () => {
      const caseId = await approvedCase('closed-twice');
      await Promise.all([bot.engine.closeCase(caseId, 'agent', 'done'), bot.engine.closeCase(caseId, 'agent', 'done')]);
      await bot.engine.closeCase(caseId, 'agent', 'done');
      expect(channel.sent).to.have.length(1);
      const events = bot.store.db.prepare('SELECT from_status, to_status FROM case_events WHERE case_id = ? ORDER BY id').all(caseId);
      expect(events).to.deep.equal([{ from_status: null, to_status: 'approved' }, { from_status: 'approved', to_status: 'closed' }]);
    });

    it('no channel attached yet: nothing is lost, it goes out once the channel is there', async () => {
      const caseId = await approvedCase('closed-early');
      const other = engineOver(bot, bot.store); // as another process would have it: no channel yet
      await other.closeCase(caseId, 'system', 'auto-close');
      expect(pending(bot)).to.have.length(1);
      later(bot, GRACE_MS + 1000);
      await dispatcherOf(bot, other).runOnce();
      expect(pending(bot), 'still no channel').to.have.length(1);
      other.attach(channel);
      later(bot, GRACE_MS + 1000);
      await dispatcherOf(bot, other).runOnce();
      expect(channel.sentTexts()).to.have.length(1);
      expect(pending(bot)).to.deep.equal([]);
    });
  });

  describe('replies of a turn that crashed before `delivered`', () => {
    it('are left to their turn during the grace period, then sent once, in order', async () => {
      const replies = await bot.engine.handle(inbound('crashed', '我昨天收到的小米有发霉的,订单号是123456', { channel: 'test' }));
      const more = await bot.engine.handle(inbound('crashed', '5678'));
      // The adapter died before it could send or call `delivered`.
      const expected = [...texts(replies), ...texts(more)];
      expect(pending(bot)).to.deep.equal(expected);

      const dispatcher = dispatcherOf(bot);
      await dispatcher.runOnce();
      later(bot, GRACE_MS - 1000);
      await dispatcher.runOnce();
      expect(channel.sent, 'still within the grace period').to.deep.equal([]);

      later(bot, 2000);
      await Promise.all([dispatcher.runOnce(), dispatcher.runOnce()]);
      expect(channel.sent.map(send => send.userId)).to.deep.equal(['crashed']);
      expect(channel.sentTexts()).to.deep.equal(expected);
      expect(pending(bot)).to.deep.equal([]);

      later(bot, GRACE_MS * 10);
      await dispatcher.runOnce();
      expect(channel.sent).to.have.length(1);
    });

    it('delivered replies are never sent again', async () => {
      const replies = await bot.engine.handle(inbound('fine', '我昨天收到的小米有发霉的,订单号是123456'));
      await bot.engine.delivered(replies.map(delivery => delivery.outboxId));
      later(bot, GRACE_MS * 10);
      await dispatcherOf(bot).runOnce();
      expect(channel.sent).to.deep.equal([]);
    });

    it('survive a restart of the whole bot and are sent by the new one', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'returnbot-outbox-'));
      try {
        const before = await startTestBot({ dataDir });
        const replies = await before.engine.handle(inbound('restarted', '我昨天收到的小米有发霉的,订单号是123456'));
        await before.close();

        const after = await startTestBot({ dataDir });
        try {
          const revived = new FakeChannel('test');
          after.engine.attach(revived);
          later(after, GRACE_MS + 1000);
          await dispatcherOf(after).runOnce();
          expect(revived.sentTexts()).to.deep.equal(texts(replies));
          expect(pending(after)).to.deep.equal([]);
        } finally {
          await after.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });

  it('start() dispatches on its own until stop()', async () => {
    await bot.engine.handle(inbound('timer', '我昨天收到的小米有发霉的,订单号是123456'));
    later(bot, GRACE_MS + 1000);
    const dispatcher = new OutboxDispatcher({
      store: bot.store, push: (name, userId, deliveries) => bot.engine.push(name, userId, deliveries), clock: bot.clock.now, logger: createLogger('silent'), graceMs: GRACE_MS, intervalMs: 5,
    });
    dispatcher.start();
    try {
      for (let waited = 0; channel.sent.length === 0 && waited < 2000; waited += 10) await new Promise(resolve => setTimeout(resolve, 10));
    } finally {
      await dispatcher.stop();
    }
    expect(channel.sent).to.have.length(1);
    expect(pending(bot)).to.deep.equal([]);
  });

  it('a failing store makes a dispatch log and return, not throw', async () => {
    await bot.store.close();
    await dispatcherOf(bot).runOnce();
  });
});

