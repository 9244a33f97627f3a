import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';

describe('changed mind and not as described: the condition rules', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  it('zh-Hans: 买错了 an unused mug → refund with a handling fee, return at the customer\'s cost', async () => {
    await chat(bot)
      .customer('杯子买错了,不想要了,订单123456').bot(/后四位/)
      .customer('5678').bot(/是否未使用/).buttons('是', '不是')
      .customer('是').bot(/请核对/, /未使用、原包装: 是/).botNot(/拍照/)
      .customer('确认').bot(/需要收取一定手续费/, /您希望怎么处理/)
      .customer('退款').bot(/工单号是/, /退货-订单号123456-买错\/不想要了/, /退货运费由您承担/, /手续费 ¥5\.00/)
      .caseIs({ reason: 'changed_mind', outcome: 'refund', decision: { fees: [{ kind: 'handling', cents: 500 }], returnShippingPaidBy: 'customer' } });
  });

  it('en: a used item cannot go back for a change of mind, and the bot says why', async () => {
    await chat(bot)
      .customer("I don't need the mug anymore, order 400001, phone ending in 2468").bot(/How many/)
      .customer('all of them').bot(/unused and still in its original packaging/)
      .customer('No').bot(/Please check/, /Quantity: 2/)
      .customer('Confirm').bot(/can't accept this request/, /only be returned unused and in their original packaging/, /recorded this as case RB-/)
      .caseIs({ reason: 'changed_mind', status: 'refused', outcome: null, quantity: 2, decision: { refused: true } });
  });

  it('zh-Hant: food cannot be returned for a change of mind', async () => {
    await chat(bot)
      .customer('紅豆買錯了,訂單500001,手機尾號0011').bot(/是否未使用/)
      .customer('是').bot(/請核對/)
      .customer('確認').bot(/食品不支援因個人原因退貨/, /無法受理/)
      .caseIs({ reason: 'changed_mind', status: 'refused', sku: 'BEANS-1KG' });
  });

  it('zh-Hans: 颜色和图片不符 unused → exchange at our cost', async () => {
    await chat(bot)
      .customer('台灯颜色和图片差太多了,能换一个吗?订单200001').bot(/后四位/)
      .customer('1234').bot(/是否未使用/)
      .customer('没用过,包装还在').bot(/拍照/)
      .photo(pngPhoto(30)).bot(/请核对/, /与描述不符/)
      .customer('确认').bot(/工单号是/, /退货运费由我们承担/)
      .caseIs({ reason: 'not_as_described', outcome: 'exchange', sku: 'LAMP-LED', decision: { returnShippingPaidBy: 'company' } });
  });

  it('en: not as described but already used → refused', async () => {
    await chat(bot)
      .customer("The lamp doesn't match the picture, order 400002").bot(/last 4 digits/)
      .customer('2468').bot(/unused/)
      .customer('I opened and used it').bot(/photos/)
      .photo(pngPhoto(31)).bot(/Please check/)
      .customer('Yes').bot(/only be returned unused/)
      .caseIs({ reason: 'not_as_described', status: 'refused' });
  });
});
