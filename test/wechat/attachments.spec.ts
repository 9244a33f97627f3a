import { expect } from 'chai';
import { FileBox } from 'file-box';
import { types } from 'wechaty';
import { pdfDocument, pngPhoto } from '../support/images.js';
import { startTestBot } from '../support/test-bot.js';
import { WechatWorld } from './world.js';

const pdf = (name: string) => FileBox.fromBase64(pdfDocument().toString('base64'), name);

describe('WeChat: files, voice and stickers', () => {
  let world: WechatWorld;
  before(async () => {
    world = await WechatWorld.start();
  });
  after(async () => world.stop());

  it('a PDF sent as evidence is politely refused and the conversation goes on to a case', async () => {
    const wang = world.customer('王芳');
    await wang
      .says('香菇发霉了,订单123458').hears(/后四位/)
      .says('5678').hears(/拍照/)
      // A file attachment, as puppets deliver documents...
      .sends(types.Message.Attachment, { file: pdf('发票.pdf') }).hears(/“发票\.pdf”不是可用的照片/, /拍照/)
      // ...and as the mock's say() delivers a .pdf (type Unknown, carrying the file).
      .sendsPhoto(pdfDocument(), '照片.pdf').hears(/“照片\.pdf”不是可用的照片/, /拍照/)
      // A document renamed .png is still a document: checked by content.
      .sendsPhoto(pdfDocument(), 'renamed.png').hears(/“renamed\.png”不是可用的照片/)
      .sendsPhoto(pngPhoto(21), 'mould.png').hears(/照片已收到/, /请核对/)
      .says('确认').hears(/您希望怎么处理/)
      .says('退款').hears(/工单号是 RB-/);
    const [record] = await world.testBot.store.casesOfConversation(`wechat:${wang.id}`);
    expect(record).to.deep.include({ orderId: '123458', status: 'approved' });
    expect(record!.photoIds).to.have.length(1);
  });

  it('voice is answered with "please type", stickers and shared links with "tell me in words"', async () => {
    const lin = world.customer('林美玲');
    await lin
      .says('紅豆發霉了,訂單500001').hears(/後四位/)
      .sends(types.Message.Audio, { file: FileBox.fromBase64(Buffer.from('#!SILK_V3').toString('base64'), 'voice.silk') }).hears(/聽不了語音,請打字/)
      .sends(types.Message.Emoticon, { text: '<msg><emoji md5="abc" /></msg>' }).hears(/請用文字告訴我/)
      .sends(types.Message.Url, { text: '好物推荐' }).hears(/請用文字告訴我/)
      // Still waiting for the phone digits: nothing of the above was taken as an answer.
      .says('0011').hears(/拍照/);
  });

  it('a recalled message, or a system note, is no request: no answer', async () => {
    const chen = world.customer('陈');
    await chen.sends(types.Message.Recalled, { text: '' }).hearsNothing();
  });

  it('a photo larger than the rules allow is refused, and a smaller one taken', async () => {
    const small = await startTestBot({ rules: rules => ({ ...rules, photos: { ...rules.photos, maxBytes: 1_048_576 } }) });
    const tight = await WechatWorld.start({ testBot: small });
    try {
      const big = Buffer.concat([pngPhoto(22), Buffer.alloc(2_000_000)]);
      const wang = tight.customer('王芳');
      await wang
        .says('小米发霉了,订单123456').hears(/后四位/)
        .says('5678').hears(/几件/)
        .says('2').hears(/拍照/)
        .sendsPhoto(big, 'big.png').hears(/“big\.png”超过了 1 MB/, /拍照/)
        .sendsPhoto(pngPhoto(23), 'ok.png').hears(/请核对/);
    } finally {
      await tight.stop();
    }
  });
});
