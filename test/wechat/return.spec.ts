import { expect } from 'chai';
import { pngPhoto } from '../support/images.js';
import { WechatWorld } from './world.js';

describe('WeChat: a whole return through Wechaty and the mock puppet', () => {
  let world: WechatWorld;
  beforeEach(async () => {
    world = await WechatWorld.start();
  });
  afterEach(async () => world.stop());

  it('zh-Hans: mouldy millet, answered with option numbers, a photo, a refund case in SQLite', async () => {
    const wang = world.customer('王芳');
    await wang
      .says('我昨天收到的小米有发霉的,订单号是123456').hears(/手机号.*后四位/)
      .says('5678').hears(/几件/, /^1\. 1\n2\. 2\n3\. 全部$/m)
      .says('2').hears(/拍照/)
      .sendsPhoto(pngPhoto(1), '发霉.png').hears(/照片已收到/, /请核对/, /【您的申请】\n订单: 123456\n商品: 小米 500g\n数量: 2/, /1\. 确认\n2\. 需要修改/)
      .says('1').hears(/质量问题包退换/, /您希望怎么处理/, /1\. 退款\n2\. 换货/)
      .says('1').hears(/工单号是 RB-20261120-\d{4}/, /不需要寄回/);

    const cases = await world.testBot.store.casesOfConversation(`wechat:${wang.id}`);
    expect(cases).to.have.length(1);
    expect(cases[0]).to.deep.include({ channel: 'wechat', userId: wang.id, reason: 'quality', outcome: 'refund', status: 'approved', orderId: '123456', quantity: 2, lang: 'zh-Hans' });
    expect(cases[0]!.photoIds).to.have.length(1);
    // Plain text only: no markup of buttons or cards reaches WeChat.
    expect(wang.heard.join('\n')).not.to.match(/\[.*\]|undefined/);
  });

  it('zh-Hant: mouldy red beans, answered in words, exchanged', async () => {
    const lin = world.customer('林美玲');
    await lin
      .says('紅豆發霉了,訂單500001').hears(/手機號.*後四位/)
      .says('0011').hears(/拍照/)
      .sendsPhoto(pngPhoto(2), 'beans.png').hears(/請核對/, /1\. 確認/)
      .says('確認').hears(/您希望怎麼處理/, /1\. 退款\n2\. 換貨/)
      .says('換貨').hears(/工單號是 RB-/);

    const [record] = await world.testBot.store.casesOfConversation(`wechat:${lin.id}`);
    expect(record).to.deep.include({ reason: 'quality', outcome: 'exchange', orderId: '500001', lang: 'zh-Hant' });
    expect(record!.photoIds).to.have.length(1);
  });

  it('a number picks among the options last shown; a number with no such option is just text', async () => {
    const wang = world.customer('王芳');
    await wang
      .says('小米发霉了,订单123456').hears(/后四位/)
      .says('5678').hears(/3\. 全部/)
      .says('3').hears(/拍照/)
      .then_(async () => {
        // "3" meant the third option, 全部: both bags.
        const conversation = await world.testBot.store.loadConversation('wechat', wang.id);
        expect(JSON.stringify(conversation?.state)).to.match(/"quantity":2/);
      })
      // No options are shown while photos are asked for: "7" reaches the engine as typed.
      .says('7').hears(/拍照/);
  });
});
