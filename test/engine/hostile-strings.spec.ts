import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { pdfDocument, pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';
import { inbound, LONE_SURROGATE, SORRY, texts } from './engine-support.js';

/**
 * The Big List of Naughty Strings, read where it is kept: the shared/ folder beside the checkout
 * (data of another project, not copied into ours).
 */
const BLNS_PATH = fileURLToPath(new URL('../../../shared/hostile/blns.json', import.meta.url));

describe('engine: the Big List of Naughty Strings', () => {
  let bot: TestBot;
  let strings: string[];
  before(function () {
    if (!existsSync(BLNS_PATH)) {
      console.warn(`  (skipped: ${BLNS_PATH} is not beside this checkout)`);
      this.skip();
    }
    strings = JSON.parse(readFileSync(BLNS_PATH, 'utf8')) as string[];
  });
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  it('has the 515 strings it is meant to have', () => {
    expect(strings).to.have.length(515);
    expect(strings.every(value => typeof value === 'string')).to.equal(true);
  });

  it('every string as a message of one conversation: each turn answered, none failed, then a real request', async () => {
    const problems: string[] = [];
    for (const [index, text] of strings.entries()) {
      const deliveries = await bot.engine.handle(inbound('naughty', text, { messageId: `blns-${index}` }));
      const said = texts(deliveries);
      if (said.length === 0) problems.push(`#${index} ${JSON.stringify(text)}: no reply`);
      if (said.some(reply => SORRY.includes(reply))) problems.push(`#${index} ${JSON.stringify(text)}: the turn failed`);
      if (said.some(reply => reply.trim() === '' || LONE_SURROGATE.test(reply))) problems.push(`#${index} ${JSON.stringify(text)}: a broken reply`);
      if (!(await bot.store.wasHandled('test', `blns-${index}`))) problems.push(`#${index} ${JSON.stringify(text)}: not recorded as handled`);
    }
    expect(problems).to.deep.equal([]);
    const stored = (await bot.store.messages('test:naughty', 0, 100_000)).filter(message => message.direction === 'in');
    expect(stored).to.have.length(strings.length);

    await chat(bot, 'naughty')
      .customer('重新开始').bot(/申请已取消/)
      .customer('我昨天收到的小米有发霉的,订单号是123456').bot(/后四位/)
      .customer('5678').bot(/几件/)
      .customer('2').bot(/拍照/)
      .photo(pngPhoto(21)).bot(/请核对/)
      .customer('确认').bot(/您希望怎么处理/)
      .customer('退款').bot(/工单号是 RB-/)
      .caseIs({ reason: 'quality', outcome: 'refund', orderId: '123456', quantity: 2 })
      .caseCount(1);
  });

  it('every string as the name of a refused file: each one answered by its name, none failed', async () => {
    const problems: string[] = [];
    for (let start = 0; start < strings.length; start += 10) {
      const names = strings.slice(start, start + 10);
      const attachments = names.map(name => ({ kind: 'image' as const, name, data: pdfDocument() }));
      const said = texts(await bot.engine.handle(inbound('naughty-files', '', { messageId: `blns-file-${start}`, attachments })));
      if (said.some(reply => SORRY.includes(reply))) problems.push(`from #${start}: the turn failed`);
      if (said.some(reply => LONE_SURROGATE.test(reply))) problems.push(`from #${start}: half a surrogate pair`);
      const refusals = said.filter(reply => reply.includes('不是可用的照片'));
      if (refusals.length !== names.length) problems.push(`from #${start}: ${refusals.length} refusals for ${names.length} files`);
    }
    expect(problems).to.deep.equal([]);
  });
});
