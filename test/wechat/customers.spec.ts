import { expect } from 'chai';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { WechatWorld, type WechatCustomer } from './world.js';

/** 王芳 (customer C001) returns her mouldy millet from order 123456 on WeChat. */
async function milletRefund(wang: WechatCustomer, photo: number): Promise<void> {
  await wang
    .says('小米发霉了,订单123456').hears(/后四位/)
    .says('5678').hears(/几件/)
    .says('2').hears(/拍照/)
    .sendsPhoto(pngPhoto(photo)).hears(/请核对/)
    .says('确认').hears(/您希望怎么处理/)
    .says('退款').hears(/工单号是 RB-/);
}

describe('WeChat: contacts become known customers', () => {
  let testBot: TestBot;
  let world: WechatWorld;
  beforeEach(async () => {
    testBot = await startTestBot();
    world = await WechatWorld.start({ testBot });
  });
  afterEach(async () => world.stop());

  it('after one ownership check, her other orders are not checked again; another contact still is', async () => {
    const wang = world.customer('王芳');
    await milletRefund(wang, 31);
    expect((await testBot.store.loadConversation('wechat', wang.id))?.customerId).to.equal('C001');

    // Another order of the same customer: straight to the photos, no phone digits asked.
    await wang.says('香菇也发霉了,订单123458').hears(/拍照/).hearsNot(/后四位/);

    // Someone else on WeChat naming her order must prove it is theirs.
    const stranger = world.customer('陌生人');
    await stranger
      .says('小米发霉了,订单123456').hears(/后四位/)
      .says('1234').hears(/不符/).hearsNot(/拍照|几件/);
    expect((await testBot.store.loadConversation('wechat', stranger.id))?.customerId).to.equal(null);
  });

  it('days later, after a restart, the same contact asks where her refund is and gets the case status', async () => {
    const wang = world.customer('王芳');
    await milletRefund(wang, 32);
    const [record] = await testBot.store.casesOfConversation(`wechat:${wang.id}`);

    // The bot restarts (a new Wechaty, the same store and the same WeChat ids) three days later.
    await world.stop({ keepBot: true });
    testBot.clock.advanceDays(3);
    world = await WechatWorld.start({ testBot, botUserId: world.botUser.id });
    const again = world.customer('王芳', wang.id);
    await again.says('我的退款到哪一步了?').hears(new RegExp(`${record!.id}`), /已批准/).hearsNot(/后四位/);
  });
});
