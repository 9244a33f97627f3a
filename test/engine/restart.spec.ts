import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';
import { inbound, texts } from './engine-support.js';

/** A restart (deploy, crash, power cut) between two messages of a conversation loses nothing of it. */
describe('engine: restart mid-conversation', () => {
  let dataDir: string;
  const running: TestBot[] = [];
  const start = async () => {
    const bot = await startTestBot({ dataDir });
    running.push(bot);
    return bot;
  };
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'returnbot-restart-')); });
  afterEach(async () => {
    for (const bot of running.splice(0)) await bot.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the new engine asks the next question, not the first, and finishes the case', async () => {
    const before = await start();
    await chat(before, 'restarted')
      .customer('我昨天收到的小米有发霉的,订单号是123456').bot(/后四位/)
      .customer('5678').bot(/几件/)
      .customer('2').bot(/请您把问题拍照发给我/);
    await before.close();

    const after = await start();
    expect(after.store.db.prepare('SELECT count(*) FROM customers').pluck().get(), 'seeded once').to.equal(5);
    const c = chat(after, 'restarted');
    await c
      .photo(pngPhoto(41)).bot(/照片已收到\(第 1 张/, /请核对/, /小米 500g/, /数量: 2/).botNot(/您好!我是退换货助手|后四位|几件/)
      .customer('确认').bot(/您希望怎么处理/)
      .customer('退款').bot(/工单号是 RB-20261120-0001/)
      .caseIs({ reason: 'quality', outcome: 'refund', status: 'approved', orderId: '123456', quantity: 2 })
      .caseCount(1);
    expect((await c.latestCase())!.photoIds).to.have.length(1);
  });

  it('a question asked just before the stop is answered after it (zh-Hant, the language is kept)', async () => {
    const before = await start();
    await chat(before, 'restarted-hant').customer('我昨天收到的小米有發霉的,訂單號是123456').bot(/後四位/);
    await before.close();
    const after = await start();
    await chat(after, 'restarted-hant').customer('5678').bot(/幾件/).botNot(/几件/);
  });

  it('a message handled before the stop and delivered again after it stays handled once', async () => {
    const before = await start();
    const first = await before.engine.handle(inbound('redelivered', '我昨天收到的小米有发霉的,订单号是123456', { messageId: 'wx-1' }));
    expect(texts(first).join('\n')).to.match(/后四位/);
    await before.close();
    const after = await start();
    expect(await after.engine.handle(inbound('redelivered', '我昨天收到的小米有发霉的,订单号是123456', { messageId: 'wx-1' }))).to.deep.equal([]);
    expect(texts(await after.engine.handle(inbound('redelivered', '5678', { messageId: 'wx-2' }))).join('\n')).to.match(/几件/);
  });

  it('case numbers go on after a restart rather than start again', async () => {
    const flow = (bot: TestBot, userId: string, photo: number) => chat(bot, userId)
      .customer('我昨天收到的小米有发霉的,订单号是123456').customer('5678').customer('1')
      .photo(pngPhoto(photo)).customer('确认').customer('换货');
    const before = await start();
    await flow(before, 'first-case', 42).bot(/工单号是 RB-20261120-0001/);
    await before.close();
    const after = await start();
    await flow(after, 'second-case', 43).bot(/工单号是 RB-20261120-0002/);
  });

  it('an engine whose store was closed answers with the apology instead of throwing', async () => {
    const bot = await start();
    await bot.close();
    const deliveries = await bot.engine.handle(inbound('late', '你好'));
    expect(deliveries).to.have.length(1);
    expect(deliveries[0]!.outboxId).to.equal(0);
    expect(deliveries[0]!.message.text).to.match(/出了点问题/);
  });
});
