import { expect } from 'chai';
import type { Store } from '../../bot/store.js';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';
import { engineOver, gate, image, inbound, overrideStore, texts } from './engine-support.js';

describe('engine: idempotency and order', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  const count = (table: string) => bot.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

  /** Order 123456, mouldy millet, up to the choice between refund and exchange. */
  const atChoice = (userId: string) => chat(bot, userId)
    .customer('我昨天收到的小米有发霉的,订单号是123456').bot(/后四位/)
    .customer('5678').bot(/几件/)
    .customer('2').bot(/拍照/)
    .photo(pngPhoto(31)).bot(/请核对/)
    .customer('确认').bot(/您希望怎么处理/);

  describe('the same (channel, messageId) twice', () => {
    it('the repeat of the message that made a case gets no reply, and there is still one case', async () => {
      await atChoice('twice')
        .customer('退款', [], 'refund-1').bot(/工单号是 RB-20261120-0001/)
        .customer('退款', [], 'refund-1').silent()
        .caseCount(1);
      expect(count('case_events')).to.equal(1);
      const stored = await bot.store.messages('test:twice', 0, 100);
      expect(stored.filter(message => message.direction === 'in' && message.text === '退款')).to.have.length(1);
    });

    it('a repeat changes nothing: no message, no outbox entry, no new version, no photo twice', async () => {
      const c = chat(bot, 'repeat-photo')
        .customer('我昨天收到的小米有发霉的,订单号是123456').customer('5678').customer('2').bot(/拍照/)
        .customer('', [image(pngPhoto(32))], 'photo-1').bot(/照片已收到\(第 1 张/);
      await c;
      const before = { messages: count('messages'), outbox: count('outbox'), photos: count('photos'), version: (await bot.store.loadConversation('test', 'repeat-photo'))!.version };
      await c.customer('', [image(pngPhoto(32))], 'photo-1').silent();
      const after = { messages: count('messages'), outbox: count('outbox'), photos: count('photos'), version: (await bot.store.loadConversation('test', 'repeat-photo'))!.version };
      expect(after).to.deep.equal(before);
    });

    it('two deliveries of one message at the same moment: one is answered, the other is silent', async () => {
      await atChoice('racing');
      const [first, second] = await Promise.all([
        bot.engine.handle(inbound('racing', '退款', { messageId: 'race-1' })),
        bot.engine.handle(inbound('racing', '退款', { messageId: 'race-1' })),
      ]);
      expect(texts(first!).join('\n')).to.match(/工单号是 RB-/);
      expect(second).to.deep.equal([]);
      expect(await bot.store.casesOfConversation('test:racing')).to.have.length(1);
    });

    it('the same message id on another channel is another message', async () => {
      const web = await bot.engine.handle(inbound('same-id', 'hello', { messageId: 'shared-id', channel: 'web' }));
      const wechat = await bot.engine.handle(inbound('same-id', 'hello', { messageId: 'shared-id', channel: 'wechat' }));
      expect(web).to.have.length.above(0);
      expect(wechat).to.have.length.above(0);
    });
  });

  describe('one conversation at a time, in arrival order', () => {
    it('20 messages fired at once are handled one after the other, in the order they arrived', async () => {
      const sent = Array.from({ length: 20 }, (_, index) => `消息 ${index + 1}`);
      const results = await Promise.all(sent.map((text, index) => bot.engine.handle(inbound('burst', text, { messageId: `burst-${index}` }))));
      for (const deliveries of results) expect(deliveries.length).to.be.above(0);
      const stored = await bot.store.messages('test:burst', 0, 100);
      expect(stored.filter(message => message.direction === 'in').map(message => message.text)).to.deep.equal(sent);
      // Each turn's replies directly follow its message: no turn ran inside another.
      expect(stored.map(message => message.direction).join('').replace(/out/g, 'o').replace(/in/g, 'i')).to.match(/^(io+){20}$/);
      const outboxIds = results.flatMap(deliveries => deliveries.map(delivery => delivery.outboxId));
      expect(outboxIds).to.deep.equal([...outboxIds].sort((a, b) => a - b));
      expect((await bot.store.loadConversation('test', 'burst'))!.version).to.equal(20);
    });

    it('a whole request fired at once ends as if typed one by one', async () => {
      const steps = ['我昨天收到的小米有发霉的,订单号是123456', '5678', '2'];
      await Promise.all(steps.map((text, index) => bot.engine.handle(inbound('eager', text, { messageId: `eager-${index}` }))));
      const last = await bot.engine.handle(inbound('eager', '', { attachments: [image(pngPhoto(33))] }));
      expect(texts(last).join('\n')).to.match(/请核对/);
    });

    it('another conversation is not held up by a slow turn', async () => {
      const held = gate();
      let slowStarted = false;
      const store: Store = overrideStore(bot.store, {
        loadConversation: async (channel, userId) => {
          if (userId === 'slow') {
            slowStarted = true;
            await held.promise;
          }
          return bot.store.loadConversation(channel, userId);
        },
      });
      const engine = engineOver(bot, store);
      let slowDone = false;
      const slow = engine.handle(inbound('slow', '我昨天收到的小米有发霉的,订单号是123456')).then(deliveries => { slowDone = true; return deliveries; });
      const quick = await engine.handle(inbound('quick', '我昨天收到的大米有发霉的,订单号是123457'));
      expect(slowStarted).to.equal(true);
      expect(texts(quick).join('\n')).to.match(/后四位/);
      expect(slowDone, 'the slow turn is still held').to.equal(false);
      held.open();
      expect(texts(await slow).join('\n')).to.match(/订单 123456 下单手机号的后四位/);
    });

    it('a slow turn holds the next message of its own conversation until it is done', async () => {
      const held = gate();
      const order: string[] = [];
      const store: Store = overrideStore(bot.store, {
        loadConversation: async (channel, userId) => {
          if (order.length === 0) {
            order.push('first loads');
            await held.promise;
          } else {
            order.push('second loads');
          }
          return bot.store.loadConversation(channel, userId);
        },
      });
      const engine = engineOver(bot, store);
      const first = engine.handle(inbound('held', '我昨天收到的小米有发霉的,订单号是123456')).then(deliveries => { order.push('first done'); return deliveries; });
      const second = engine.handle(inbound('held', '5678')).then(deliveries => { order.push('second done'); return deliveries; });
      await new Promise(resolve => setTimeout(resolve, 20));
      expect(order).to.deep.equal(['first loads']);
      held.open();
      const [, answer] = await Promise.all([first, second]);
      expect(order).to.deep.equal(['first loads', 'first done', 'second loads', 'second done']);
      expect(texts(answer!).join('\n')).to.match(/几件/);
    });
  });
});
