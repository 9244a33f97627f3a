import { expect } from 'chai';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';

describe('quality problem (质量问题包退换)', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  it('zh-Hans: takes every fact of the first message and never asks for them again', async () => {
    const c = chat(bot);
    await c
      .customer('我昨天收到的小米有发霉的,订单号是123456').bot(/手机号.*后四位/).botNot(/订单号。/)
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

  it('zh-Hant: answers in Traditional Chinese and takes the wish said up front', async () => {
    await chat(bot)
      .customer('我前天收到的香菇發霉了,想退款,訂單號123458').bot(/手機號.*後四位/)
      .customer('尾號5678').bot(/拍照/)
      .photo(pngPhoto(2)).bot(/請核對/, /乾香菇 250g/)
      .customer('確認').bot(/工單號是 RB-/, /質量問題包退換/, /不需要寄回/)
      .caseIs({ reason: 'quality', outcome: 'refund', status: 'approved', sku: 'MUSHROOM-250', quantity: 1, lang: 'zh-Hant' });
  });

  it('en: a faulty lamp above the automatic refund limit goes to a person', async () => {
    await chat(bot)
      .customer("My desk lamp doesn't work, order 400002").bot(/last 4 digits/)
      .customer('2468').bot(/photos/)
      .photo(pngPhoto(3)).bot(/Please check/, /LED desk lamp/)
      .customer('Yes').bot(/above what I can approve myself/, /case number is RB-/)
      .caseIs({ reason: 'quality', status: 'awaiting_person', outcome: null, lang: 'en', decision: { needsPerson: true } });
  });

  it('en: a faulty mug within the limit is exchanged, sent back with the slip text', async () => {
    await chat(bot)
      .customer('the mug from order 400001 is defective, I want an exchange').bot(/last 4 digits/)
      .customer('my phone ends with 2468').bot(/How many of "Ceramic mug"/)
      .customer('1').bot(/photos/)
      .photo(pngPhoto(4)).bot(/Please check/)
      .customer('Confirm').bot(/case number is RB-/, /RETURN-Order 400001-Quality problem/, /We pay the return shipping/, /within 1 working day/)
      .caseIs({ reason: 'quality', outcome: 'exchange', status: 'awaiting_parcel', sku: 'MUG-350', quantity: 1, decision: { returnRequired: true, returnShippingPaidBy: 'company' } });
  });
});
