import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';

describe('damage: in transit, or unclear who caused it', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  it('zh-Hans: a crushed box means transit damage: free return plus a coupon', async () => {
    await chat(bot)
      .customer('订单123456的杯子碎了,快递箱都压扁了,我要换一个').bot(/后四位/)
      .customer('5678').bot(/拍照/).botNot(/外箱或包装就已经破损/)
      .photo(pngPhoto(10)).bot(/请核对/, /陶瓷马克杯/, /运输破损/)
      .customer('确认').bot(/工单号是/, /退货运费由我们承担/, /退货-订单号123456-运输破损/, /¥10\.00 的优惠券/)
      .caseIs({ reason: 'transit_damage', outcome: 'exchange', status: 'awaiting_parcel', sku: 'MUG-350', decision: { compensation: { kind: 'coupon', amount: 1000 }, returnShippingPaidBy: 'company' } });
  });

  it('en: a cracked mug in an intact box goes to a person who compares the courier record', async () => {
    await chat(bot)
      .customer('One of the mugs arrived cracked. Order 400001, phone ending in 2468').bot(/How many/)
      .customer('1').bot(/outer box or package already damaged/).buttons('Yes', 'No')
      .customer('No').bot(/describe|photos/)
      .photo(pngPhoto(11)).bot(/Please check/)
      .customer('Yes').bot(/colleague needs to review/, /compare the courier's record/)
      .caseIs({ reason: 'damage_unclear', status: 'awaiting_person', decision: { needsPerson: true } });
  });

  it('zh-Hant: damaged food in a crushed parcel is not sent back', async () => {
    await chat(bot)
      .customer('紅豆的包裝袋破了,外箱也壓扁了,訂單500001').bot(/後四位/)
      .customer('0011').bot(/拍照/)
      .photo(pngPhoto(12)).bot(/請核對/, /紅豆 1kg/)
      .customer('確認').bot(/損壞的食品不需要寄回/, /您希望怎麼處理/)
      .customer('退款').bot(/工單號是/)
      .caseIs({ reason: 'transit_damage', outcome: 'refund', decision: { returnRequired: false } });
  });
});
