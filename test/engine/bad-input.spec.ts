import { expect } from 'chai';
import { MAX_TEXT } from '../../bot/inbound-guard.js';
import type { Inbound } from '../../bot/messages.js';
import { DEMO_DATA } from '../../data/demo/demo-data.js';
import { pdfDocument, pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat, render } from '../support/transcript.js';
import { inbound, LONE_SURROGATE, SORRY, texts } from './engine-support.js';

/** Every message a customer can send by mistake or on purpose gets a polite answer, and the request goes on. */
describe('engine: bad input', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  const inboundTexts = async (userId: string) =>
    (await bot.store.messages(`test:${userId}`, 0, 100)).filter(message => message.direction === 'in').map(message => message.text);
  const photoCount = () => bot.store.db.prepare('SELECT count(*) FROM photos').pluck().get() as number;

  describe('empty, blank and emoji-only messages', () => {
    it('an empty first message gets the welcome; the request that follows is taken', async () => {
      await chat(bot)
        .customer('').bot(/您好!我是退换货助手/).botNot(/出了点问题/)
        .customer('我昨天收到的小米有发霉的,订单号是123456').bot(/后四位/)
        .customer('5678').bot(/几件/);
    });

    it('a blank first message (spaces, tabs, new lines, ideographic space) gets the welcome', async () => {
      await chat(bot)
        .customer(' \t\n\u3000 \r\n').bot(/您好!我是退换货助手/)
        .customer('我昨天收到的小米有发霉的,订单号是123456').bot(/后四位/);
    });

    it('en: empty and blank messages mid-request repeat the pending question in English, then the answer is taken', async () => {
      await chat(bot, 'blank-en')
        .customer('the millet I received yesterday is mouldy, order 123456').bot(/last 4 digits/)
        .customer('').bot(/Sorry, I didn't quite get that/, /last 4 digits of the phone number used for order 123456/).botNot(/[\u4e00-\u9fff]/)
        .customer('   \n\t  ').bot(/last 4 digits/).botNot(/[\u4e00-\u9fff]/)
        .customer('5678').bot(/How many of "Millet 500g"/)
        .customer('2').bot(/photos/);
    });

    it('an emoji-only first message gets a polite answer and the welcome', async () => {
      await chat(bot)
        .customer('😀😀🎉').bot(/抱歉,我没太明白/, /您好!我是退换货助手/)
        .customer('我昨天收到的小米有发霉的,订单号是123456').bot(/后四位/);
    });

    it('zh-Hant: emoji-only messages mid-request keep Traditional Chinese and repeat the question', async () => {
      await chat(bot)
        .customer('我昨天收到的小米有發霉的,訂單號是123456').bot(/後四位/)
        .customer('😀🎉👍🏽').bot(/抱歉,我沒太明白/, /後四位/).botNot(/后四位|没太明白/)
        .customer('👨‍👩‍👧‍👦').bot(/後四位/)
        .customer('5678').bot(/幾件/);
    });
  });

  describe('a very long message', () => {
    it('20,000 characters: the too-long notice, the beginning is understood, stored text is bounded', async () => {
      const c = chat(bot, 'long-zh');
      const opening = '我昨天收到的小米有发霉的,订单号是123456。';
      await c
        .customer(opening + '真的很生气'.repeat(4000).slice(0, 20_000 - opening.length))
        .bot(/您的消息太长了,我只读了开头部分/, /订单 123456 下单手机号的后四位/)
        .customer('5678').bot(/几件/)
        .customer('2').bot(/拍照/)
        .photo(pngPhoto(11)).bot(/请核对/);
      const stored = await inboundTexts('long-zh');
      expect(Array.from(stored[0]!)).to.have.length(MAX_TEXT);
      expect(stored[0]!.startsWith(opening)).to.equal(true);
      const outbound = (await bot.store.messages('test:long-zh', 0, 100)).filter(message => message.direction === 'out');
      for (const message of outbound) expect(message.text.length, 'a reply quoting the whole message').to.be.below(MAX_TEXT + 500);
    });

    it('en: 20,000 letters mid-request get the notice in English and the question again', async () => {
      await chat(bot, 'long-en')
        .customer('the millet I received yesterday is mouldy, order 123456').bot(/last 4 digits/)
        .customer('a'.repeat(20_000)).bot(/That message is very long, so I read only its beginning/, /last 4 digits/)
        .customer('5678').bot(/How many/);
      expect(Array.from((await inboundTexts('long-en'))[1]!)).to.have.length(MAX_TEXT);
    });

    it('20,000 emoji are cut on a code point: nothing half of a surrogate pair is stored or sent', async () => {
      const deliveries = await bot.engine.handle(inbound('long-emoji', '😀'.repeat(20_000)));
      expect(texts(deliveries).join('\n')).to.match(/您的消息太长了/);
      const [stored] = await inboundTexts('long-emoji');
      expect(Array.from(stored!)).to.have.length(MAX_TEXT);
      expect(stored).not.to.match(LONE_SURROGATE);
    });
  });

  describe('files that are not usable photos', () => {
    /** Order 123456, 2 bags of mouldy millet: the bot is waiting for photos. */
    const atPhotos = (userId: string) => chat(bot, userId)
      .customer('我昨天收到的小米有发霉的,订单号是123456').bot(/后四位/)
      .customer('5678').bot(/几件/)
      .customer('2').bot(/请您把问题拍照发给我/);

    it('a PDF named photo.jpg is refused by name; a real PNG is then accepted and the case is made', async () => {
      const c = atPhotos('pdf');
      await c
        .photo(pdfDocument(), 'photo.jpg').bot(/“photo.jpg”不是可用的照片/, /请您把问题拍照发给我/).botNot(/照片已收到|请核对/)
        .photo(pngPhoto(12), 'real.png').bot(/照片已收到\(第 1 张/, /请核对/, /照片: 1/)
        .customer('确认').bot(/您希望怎么处理/)
        .customer('退款').bot(/工单号是 RB-/)
        .caseIs({ reason: 'quality', outcome: 'refund', orderId: '123456' });
      expect((await c.latestCase())!.photoIds).to.have.length(1);
      expect(photoCount(), 'the PDF is not kept').to.equal(1);
    });

    it('a photo over the size limit is refused by name with the limit; a small one is then accepted', async () => {
      const huge = Buffer.concat([pngPhoto(13), Buffer.alloc(bot.rules.photos.maxBytes)]);
      await atPhotos('huge')
        .photo(huge, 'IMG_0001.jpg').bot(/“IMG_0001.jpg”超过了 10 MB/, /拍照/).botNot(/照片已收到/)
        .photo(pngPhoto(14)).bot(/照片已收到/, /请核对/)
        .customer('确认').bot(/您希望怎么处理/);
      expect(photoCount(), 'the oversized file is not kept').to.equal(1);
    });

    it('a hostile file name is echoed bounded and whole (never half an emoji)', async () => {
      const name = `x${'😀'.repeat(100)}.jpg`;
      const deliveries = await bot.engine.handle(inbound('emoji-name', '', { attachments: [{ kind: 'image', name, data: pdfDocument() }] }));
      const said = texts(deliveries).join('\n');
      expect(said).to.match(/不是可用的照片/);
      expect(said).not.to.match(LONE_SURROGATE);
      expect(said).to.include(`x${'😀'.repeat(79)}`);
    });

    it('a refused file is not also a misunderstanding, however often it comes', async () => {
      await atPhotos('pdf-twice')
        .photo(pdfDocument(), 'a.jpg').bot(/不是可用的照片/).botNot(/没太明白/)
        .photo(pdfDocument(), 'b.jpg').botNot(/没太明白/)
        .photo(pdfDocument(), 'c.jpg').bot(/拍照/).botNot(/转人工/);
    });
  });

  describe('order ownership', () => {
    const ORDER_200001 = DEMO_DATA.orders.find(order => order.id === '200001')!;
    const SECRETS = [
      ...ORDER_200001.lines.flatMap(line => Object.values(DEMO_DATA.products.find(product => product.sku === line.sku)!.names)),
      ...ORDER_200001.lines.map(line => (line.unitPriceCents / 100).toFixed(2)),
      '李明', '13900131234', 'C002',
    ];

    it("someone else's order (200001 with 5678) gets the very reply of a wrong order number, and nothing of the order", async () => {
      const theirs = chat(bot, 'not-mine');
      const none = chat(bot, 'no-such-order');
      await theirs.customer('我收到的东西坏了,订单号是200001').customer('5678');
      await none.customer('我收到的东西坏了,订单号是999999').customer('5678');
      const bots = (c: typeof theirs, orderId: string) => c.log.filter(line => line.startsWith('bot:')).map(line => line.replaceAll(orderId, '<order>'));
      expect(bots(theirs, '200001')).to.deep.equal(bots(none, '999999'));
      expect(theirs.log.join('\n')).to.match(/与我们的记录不符/);
      for (const secret of SECRETS) expect(theirs.log.join('\n'), secret).not.to.include(secret);
      const conversation = await bot.store.loadConversation('test', 'not-mine');
      expect(conversation!.customerId).to.equal(null);
    });

    it('three failed checks end the attempt; the right digits afterwards reveal nothing; checks resume after 15 minutes', async () => {
      const c = chat(bot, 'guesser');
      await c
        .customer('我收到的台灯坏了,订单号是200001').bot(/订单 200001 下单手机号的后四位/)
        .customer('5678').bot(/记录不符/, /请发给我您的订单号/)
        .customer('200001').bot(/后四位/)
        .customer('0000').bot(/记录不符/)
        .customer('200001').bot(/后四位/)
        .customer('9999').bot(/连续 3 次不符/).botNot(/请发给我您的订单号|后四位/)
        .customer('1234').botNot(/几件|哪件|请核对|护眼台灯|电热水壶/)
        .caseCount(0)
        .customer('我昨天收到的小米有发霉的,订单号是123456').bot(/15 分钟后再核对/).botNot(/后四位/)
        .then_(() => bot.clock.advanceDays(16 / 1440))
        .customer('我昨天收到的小米有发霉的,订单号是123456').bot(/后四位/)
        .customer('5678').bot(/“小米 500g”有几件有问题/);
      for (const secret of SECRETS) expect(c.log.join('\n'), secret).not.to.include(secret);
      expect((await bot.store.loadConversation('test', 'guesser'))!.customerId).to.equal('C001');
    });
  });

  describe('what a careless adapter may pass', () => {
    it('text and attachments missing: a polite answer, nothing thrown', async () => {
      const sloppy = { channel: 'test', userId: 'sloppy', messageId: 'sloppy-1' } as unknown as Inbound;
      const deliveries = await bot.engine.handle(sloppy);
      expect(texts(deliveries).join('\n')).to.match(/您好!我是退换货助手/);
    });

    it('an image without a name or bytes is refused politely, not a failed turn', async () => {
      const noName = { kind: 'image', data: pdfDocument() } as unknown as Inbound['attachments'][number];
      const deliveries = await bot.engine.handle(inbound('nameless', '', { attachments: [noName, { kind: 'file', name: 'scan.jpg' }] }));
      const said = deliveries.map(delivery => render(delivery.message)).join('\n');
      expect(said).to.match(/“file”不是可用的照片/).and.to.match(/“scan.jpg”不是可用的照片/);
      for (const sorry of SORRY) expect(said).not.to.include(sorry);
    });

    it('a message without ids is refused without a throw (there is no one to answer)', async () => {
      expect(await bot.engine.handle({ ...inbound('x', 'hello'), messageId: '' })).to.deep.equal([]);
      expect(await bot.engine.handle({ ...inbound('x', 'hello'), userId: 'u'.repeat(10_000) })).to.deep.equal([]);
    });
  });
});
