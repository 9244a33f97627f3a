import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';

/** One message carrying order, phone, item, quantity, problem and wish fills every slot at once. */
describe('a message with several facts fills every slot at once', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  it('zh-Hans: straight to the photo, then a refund as asked', async () => {
    await chat(bot)
      .customer('昨天收到的两袋小米都长毛了,订单123456,尾号5678,想退款').bot(/拍照/).botNot(/后四位|几件|哪一件|遇到了什么问题/)
      .photo(pngPhoto(30)).bot(/请核对/, /小米 500g/, /数量: 2/)
      .customer('确认').bot(/工单号是/)
      .caseIs({ reason: 'quality', outcome: 'refund', sku: 'MILLET-500', quantity: 2, lang: 'zh-Hans' });
  });

  it('zh-Hant: the item named is picked out of a two-line order, "全部" is all of it', async () => {
    await chat(bot)
      .customer('上週收到的紅豆全部都有蟲,訂單500001,手機尾號0011').bot(/拍照/).botNot(/後四位|幾件|哪一件/)
      .photo(pngPhoto(31)).bot(/請核對/, /紅豆 1kg/)
      .customer('確認').bot(/您希望怎麼處理/)
      .customer('退款').bot(/工單號是/)
      .caseIs({ reason: 'quality', outcome: 'refund', sku: 'BEANS-1KG', quantity: 1, lang: 'zh-Hant' });
  });

  it('en: item, quantity, parcel damage and wish in one go', async () => {
    await chat(bot)
      .customer('On Tuesday both mugs from order 400001 arrived smashed, the box was crushed. Phone ending in 2468, I want an exchange').bot(/photos/)
      .botNot(/last 4 digits|How many|Which item|outer box/)
      .photo(pngPhoto(32)).bot(/Please check/, /Ceramic mug/, /Quantity: 2/)
      .customer('Confirm').bot(/case number/)
      .caseIs({ reason: 'transit_damage', outcome: 'exchange', sku: 'MUG-350', quantity: 2, lang: 'en' });
  });
});
