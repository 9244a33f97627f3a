import type { CrisisView } from '../../dialogs/context.js';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';

/** The demo's bad batch: refund without return plus a ¥10 coupon, and the operators' notice. */
const mouldyMillet: CrisisView = {
  id: 'CR-MILLET',
  scope: { kind: 'batch', value: 'B-MIL-2611' },
  preset: { outcome: 'refund', returnRequired: false, compensation: { kind: 'coupon', amount: 1000 } },
  notice: {
    'zh-Hans': '关于小米批次 B-MIL-2611:部分小米受潮发霉,非常抱歉。',
    'zh-Hant': '關於小米批次 B-MIL-2611:部分小米受潮發霉,非常抱歉。',
    en: 'About millet batch B-MIL-2611: some bags went mouldy. We are very sorry.',
  },
};

/** Every mug goes back and is exchanged: the glaze of the whole product is under review. */
const crackedMugs: CrisisView = {
  id: 'CR-MUG',
  scope: { kind: 'product', value: 'MUG-350' },
  preset: { outcome: 'exchange', returnRequired: true, compensation: null },
  notice: {
    'zh-Hans': '陶瓷马克杯的釉面有问题,我们为所有顾客换货。',
    'zh-Hant': '陶瓷馬克杯的釉面有問題,我們為所有顧客換貨。',
    en: 'Our ceramic mugs have a glaze problem: we exchange them for everyone.',
  },
};

describe('crisis mode in the conversation', () => {
  let bot: TestBot;
  let open: CrisisView[];
  beforeEach(async () => {
    open = [mouldyMillet];
    bot = await startTestBot({ crises: () => open });
  });
  afterEach(async () => bot.close());

  it('zh-Hans: mouldy millet from the crisis batch gets the notice and the preset, no photos asked', async () => {
    await chat(bot)
      .customer('我昨天收到的小米有发霉的,订单号是123456').bot(/后四位/)
      .customer('5678').bot(/几件/)
      .customer('2袋').bot(/请核对/).botNot(/拍照/)
      .customer('确认').bot(/关于小米批次 B-MIL-2611/, /小米 500g:为您退款 ¥51\.60/, /已经知道这批商品的问题/, /不需要寄回/, /¥10\.00 的优惠券/)
      .caseIs({
        status: 'approved',
        outcome: 'refund',
        reason: 'quality',
        photoIds: [],
        decision: { reasons: ['crisis.preset'], crisisId: 'CR-MILLET', needsPerson: false, refundCents: 5160 },
      });
  });

  it('zh-Hant: the notice comes in Traditional Chinese', async () => {
    await chat(bot)
      .customer('小米發霉了,訂單123456,尾號5678').bot(/幾件/)
      .customer('1').bot(/請核對/)
      .customer('確認').bot(/關於小米批次 B-MIL-2611/, /為您退款 ¥25\.80/, /已經知道這批商品的問題/).botNot(/关于/)
      .caseIs({ status: 'approved', decision: { reasons: ['crisis.preset'], crisisId: 'CR-MILLET' } });
  });

  it('en: a product crisis exchanges a cracked mug with its return at our cost, without asking who broke it', async () => {
    open = [crackedMugs];
    await chat(bot)
      .customer('One of the mugs arrived cracked. Order 400001, phone ending in 2468').bot(/How many/)
      .customer('1').bot(/Please check/).botNot(/outer box|photos/)
      .customer('Yes').bot(/glaze problem/, /For Ceramic mug we send you a good one in exchange/, /RETURN-Order 400001/, /We pay the return shipping/)
      .caseIs({
        status: 'awaiting_parcel',
        outcome: 'exchange',
        reason: 'damage_unclear',
        decision: { reasons: ['crisis.preset'], crisisId: 'CR-MUG', returnShippingPaidBy: 'company' },
      });
  });

  it('zh-Hans: another batch of the same order follows the normal rules', async () => {
    await chat(bot)
      .customer('大米生虫了,订单123456,尾号5678').bot(/拍照/)
      .photo(pngPhoto(60)).bot(/请核对/)
      .customer('确认').botNot(/关于小米批次/).bot(/质量问题包退换/, /您希望怎么处理/)
      .customer('退款').bot(/工单号是/)
      .caseIs({ decision: { reasons: ['window.within', 'quality.unconditional', 'quality.food_no_return', 'limit.within_auto'] } });
  });

  it('en: once the crisis is closed, the same batch follows the normal rules again', async () => {
    open = [];
    await chat(bot)
      .customer('The millet I got is mouldy, order 123456, phone ending 5678').bot(/How many/)
      .customer('all').bot(/photos/)
      .photo(pngPhoto(61)).bot(/Please check/)
      .customer('Yes').botNot(/B-MIL-2611/).bot(/Quality problems are always covered/, /Which would you like/)
      .customer('Refund').bot(/case number/)
      .caseIs({ decision: { reasons: ['window.within', 'quality.unconditional', 'quality.food_no_return', 'limit.within_auto'] } });
  });

  it('zh-Hans: a crisis opened while the customer is in the middle of a request applies to it', async () => {
    open = [];
    const conversation = chat(bot)
      .customer('我昨天收到的小米有发霉的,订单号是123456,尾号5678').bot(/几件/)
      .customer('2').bot(/拍照/);
    await conversation;
    open = [mouldyMillet];
    await conversation
      .photo(pngPhoto(62)).bot(/请核对/)
      .customer('确认').bot(/关于小米批次 B-MIL-2611/)
      .caseIs({ decision: { crisisId: 'CR-MILLET' } }).caseCount(1);
  });
});
