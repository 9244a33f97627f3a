import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';

describe('wrong item and missing item', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  it('en: wrong item → the right one is sent, nothing goes back', async () => {
    await chat(bot)
      .customer('You sent me the wrong item! Order 400001').bot(/last 4 digits/)
      .customer('2468').bot(/Which item/).buttons('Ceramic mug', 'Dried shiitake 250g')
      .customer('Dried shiitake 250g').bot(/photos/).botNot(/describe/)
      .photo(pngPhoto(20)).bot(/Please check/, /Description: You sent me the wrong item/)
      .customer('Yes').bot(/case number/, /send you the right item straight away/, /don't need to return anything/)
      .caseIs({ reason: 'wrong_item', outcome: 'reship', status: 'approved', sku: 'MUSHROOM-250', decision: { returnRequired: false } });
  });

  it('zh-Hans: 送错 → 马上补发', async () => {
    await chat(bot)
      .customer('你好').bot(/我是退换货助手/)
      .customer('订单号123458,手机尾号5678').bot(/遇到了什么问题/).buttons('发错商品', '漏发商品')
      .customer('发错商品').bot(/请用一两句话描述/)
      .customer('收到的是一包红豆,不是香菇').bot(/拍照/)
      .photo(pngPhoto(21)).bot(/请核对/)
      .customer('是的').bot(/马上安排正确的商品给您送过去/)
      .caseIs({ reason: 'wrong_item', outcome: 'reship' });
  });

  it('zh-Hant: 漏發 → the customer chooses between reship and refund', async () => {
    await chat(bot)
      .customer('訂單500001少了紅豆').bot(/後四位/)
      .customer('0011').bot(/請核對/, /漏發商品/).botNot(/拍照/)
      .customer('確認').bot(/可以為您補發或退款/).buttons('補發正確商品', '退款')
      .customer('補發正確商品').bot(/工單號是/)
      .caseIs({ reason: 'missing_item', outcome: 'reship', sku: 'BEANS-1KG' });
  });

  it('en: a missing item refunded', async () => {
    await chat(bot)
      .customer("the mushrooms weren't in the box, order 400001, last four digits 2468").bot(/Please check/)
      .customer('Yes').buttons('Send the right item', 'Refund')
      .customer('Refund').bot(/case number/, /arrives in 1–3 working days/)
      .caseIs({ reason: 'missing_item', outcome: 'refund', decision: { refundCents: 4500 } });
  });
});
