import { expect } from 'chai';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';

describe('steering the conversation: corrections, asides, starting over, a person', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  it('zh-Hans: "不是这个,是大米" at the confirmation changes the item', async () => {
    await chat(bot)
      .customer('订单123456的小米发霉了,尾号5678').bot(/几件/)
      .customer('1').bot(/拍照/)
      .photo(pngPhoto(50)).bot(/商品: 小米 500g/)
      .customer('不是这个,是大米').bot(/请核对/, /商品: 东北大米 5kg/, /数量: 1/)
      .customer('确认').bot(/您希望怎么处理/)
      .customer('换货').bot(/工单号是/)
      .caseIs({ sku: 'RICE-5KG', outcome: 'exchange' });
  });

  it('en: "change something" asks what to change, then a new quantity is taken', async () => {
    await chat(bot)
      .customer('the millet is mouldy, order 123456, phone ending 5678').bot(/How many/)
      .customer('2').bot(/photos/)
      .photo(pngPhoto(51)).bot(/Quantity: 2/)
      .customer('Change something').bot(/What should I change/)
      .customer('only 1 bag').bot(/Quantity: 1/);
  });

  it('zh-Hant: a policy question mid-form is answered, then the pending question is asked again', async () => {
    await chat(bot)
      .customer('檯燈壞了,不能用,訂單500001').bot(/後四位/)
      .customer('請問可以退幾天?').bot(/簽收後 7 天內可以申請/, /後四位/);
  });

  it('en: "start over" clears the request', async () => {
    await chat(bot)
      .customer('my mug is broken, order 400001').bot(/last 4 digits/)
      .customer('start over').bot(/cleared this request/)
      .customer('2468').bot(/Hello/);
  });

  it('zh-Hans: 转人工 → told honestly who answers and when', async () => {
    const c = chat(bot);
    await c.customer('转人工').bot(/转给同事/, /24 小时内/);
  });

  it('en: an angry customer is handed to a person', async () => {
    await chat(bot).customer('This is ridiculous, worst service ever').bot(/frustrating/, /colleague to take over/);
  });

  it('zh-Hans: three messages in a row not understood → offers a person', async () => {
    await chat(bot)
      .customer('订单123456的小米发霉了').bot(/后四位/)
      .customer('嗯嗯嗯').bot(/没太明白/, /后四位/)
      .customer('啦啦啦').bot(/没太明白/)
      .customer('哈哈哈').bot(/需要转人工吗/).buttons('转人工');
  });

  it('en: an exchange request without a reason asks for the reason first', async () => {
    await chat(bot)
      .customer('can I swap it for another one?').bot(/What's the problem/).buttons('Bought by mistake / changed my mind')
      .customer('Bought by mistake / changed my mind').bot(/order number/);
  });

  it('follows the customer from English to Simplified Chinese mid-conversation', async () => {
    await chat(bot)
      .customer('The millet is mouldy, order 123456').bot(/last 4 digits/)
      .customer('尾号是5678,我还是说中文吧').bot(/几件/);
  });

  it('zh-Hans: 取消订单 is passed to a person, not treated as a return', async () => {
    await chat(bot).customer('我要取消订单,不想要了').bot(/取消订单由同事处理/).caseCount(0);
  });
});

describe('status of a case and the satisfaction survey', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  const fileMilletCase = (customer: ReturnType<typeof chat>) =>
    customer
      .customer('我昨天收到的小米有发霉的,订单号是123456,想退款').bot(/后四位/)
      .customer('5678').bot(/几件/)
      .customer('全部').bot(/拍照/)
      .photo(pngPhoto(60)).bot(/请核对/)
      .customer('确认').bot(/工单号是/);

  it('zh-Hans: status days later from the same contact shows the case', async () => {
    const c = chat(bot, 'wang');
    await fileMilletCase(c);
    bot.clock.advanceDays(3);
    await c.customer('我的退款到哪了?').bot(/申请进度/, /RB-20261120-0001 · 小米 500g · 质量问题:已批准/);
  });

  it('en: another contact sees no case of someone else', async () => {
    await fileMilletCase(chat(bot, 'wang'));
    await chat(bot, 'stranger').customer('where is my refund?').bot(/can't find a case/).botNot(/RB-2026/);
  });

  it('zh-Hans: a contact that proved ownership once is not asked for the phone again', async () => {
    const c = chat(bot, 'wang');
    await fileMilletCase(c);
    await c.customer('订单123458的香菇也发霉了').bot(/拍照/).botNot(/后四位/);
  });

  it('zh-Hans: closing a case asks 1–5 and stores the score and comment', async () => {
    const c = chat(bot, 'wang');
    await fileMilletCase(c);
    const record = await c.latestCase();
    await bot.engine.closeCase(record!.id, 'system', 'refunded');
    const pending = await bot.store.messages('test:wang', 0, 100);
    expect(pending.at(-1)!.text).to.match(/工单 RB-20261120-0001 已完成.*满意/);
    await c
      .customer('5').bot(/有什么需要我们改进的吗/)
      .customer('客服很快,谢谢').bot(/感谢您的反馈/)
      .caseIs({ status: 'closed' });
    const feedback = bot.store.db.prepare('SELECT score, comment FROM case_feedback WHERE case_id = ?').get(record!.id);
    expect(feedback).to.deep.equal({ score: 5, comment: '客服很快,谢谢' });
  });

  it('en: the survey comment can be skipped', async () => {
    const c = chat(bot, 'alice');
    await c
      .customer('The mushrooms were never delivered, order 400001, last four 2468').bot(/Please check/)
      .customer('Yes').customer('Refund').bot(/case number/);
    await bot.engine.closeCase((await c.latestCase())!.id, 'system', 'refunded');
    await c.customer('4 stars').bot(/anything we could do better/).customer('Skip').bot(/Thank you for your feedback/);
    const feedback = bot.store.db.prepare('SELECT score, comment FROM case_feedback').get();
    expect(feedback).to.deep.equal({ score: 4, comment: null });
  });
});
