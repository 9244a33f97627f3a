import { expect } from 'chai';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';

describe('quality problem (质量问题)', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  it('takes every fact of the first message and never asks for them again (zh-Hans)', async () => {
    const c = chat(bot);
    await c
      .customer('我昨天收到的小米有发霉的,订单号是123456').bot(/手机号.*后四位/).botNot(/订单号/)
      .customer('5678').bot(/几件/).buttons('1', '2', '全部')
      .customer('2').bot(/拍照/)
      .photo(pngPhoto(1)).bot(/照片已收到/, /请核对/, /小米 500g/, /数量: 2/)
      .customer('确认').bot(/质量问题包退换/, /有质量问题的食品不需要寄回/, /您希望怎么处理/).buttons('退款', '换货')
      .customer('退款').bot(/工单号是 RB-20261120-\d{4}/, /您不需要寄回任何东西/, /1–3 个工作日到账/)
      .caseIs({ reason: 'quality', outcome: 'refund', status: 'approved', orderId: '123456', sku: 'MILLET-500', quantity: 2, lang: 'zh-Hans' });
    const record = await c.latestCase();
    expect(record!.photoIds).to.have.length(1);
    expect(record!.decision.refundCents).to.equal(5160);
  });
});
