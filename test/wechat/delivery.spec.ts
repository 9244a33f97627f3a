import { expect } from 'chai';
import type { TurnHandler } from '../../bot/channel.js';
import { pngPhoto } from '../support/images.js';
import { eventually, WechatWorld } from './world.js';

describe('WeChat: deliveries', () => {
  describe('on one Wechaty', () => {
    let world: WechatWorld;
    const handled: string[] = [];
    before(async () => {
      // A spy between the channel and the engine: which messages the engine was asked to handle.
      world = await WechatWorld.start({
        wrap: engine => ({
          handle: inbound => {
            handled.push(inbound.messageId);
            return engine.handle(inbound);
          },
          delivered: ids => engine.delivered(ids),
        }),
      });
    });
    after(async () => world.stop());

    it('the same message delivered twice (while in flight, and again later) gets one reply and makes one case', async () => {
      const wang = world.customer('王芳');
      await wang
        .says('小米发霉了,订单123456').hears(/后四位/)
        .says('5678').hears(/几件/)
        .says('全部').hears(/拍照/)
        .sendsPhoto(pngPhoto(11)).hears(/请核对/)
        .says('确认').hears(/您希望怎么处理/);
      const before = wang.heard.length;
      wang.contact.say('退款').to(world.botUser);
      const refundId = wang.lastMessageId;
      world.redeliver(refundId); // WeChat re-sends while the first is being handled
      await world.settled(refundId);
      world.redeliver(refundId); // and once more after it was answered
      await eventually(() => handled.filter(id => id === refundId).length >= 2, 'the late re-delivery to reach the engine');
      await world.channel.idle();

      const replies = wang.heard.slice(before);
      expect(replies.filter(text => /工单号是/.test(text)), replies.join('\n')).to.have.length(1);
      expect(await world.testBot.store.casesOfConversation(`wechat:${wang.id}`)).to.have.length(1);
      // The engine saw it twice at most: the in-flight copy never left the channel.
      expect(handled.filter(id => id === refundId)).to.have.length(2);
    });

    it("the bot's own messages never reach the engine", async () => {
      const chen = world.customer('陈先生');
      await chen.says('你好').hears(/./);
      expect(chen.botMessageIds).to.not.be.empty;
      for (const id of chen.botMessageIds) {
        expect(world.emitted.has(id), 'Wechaty emitted the bot reply as a message').to.equal(true);
        expect(handled).to.not.include(id);
        expect(await world.testBot.store.wasHandled('wechat', id)).to.equal(false);
      }
    });
  });

  it("a slow turn holds up neither Wechaty's message event nor other contacts", async () => {
    let releaseSlow: () => void = () => undefined;
    const slowGate = new Promise<void>(resolve => {
      releaseSlow = resolve;
    });
    let slowUser = '';
    const world = await WechatWorld.start({
      wrap: (engine): TurnHandler => ({
        handle: async inbound => {
          if (inbound.userId === slowUser) await slowGate; // a photo check or store that takes long
          return engine.handle(inbound);
        },
        delivered: ids => engine.delivered(ids),
      }),
    });
    try {
      const slow = world.customer('慢');
      const quick = world.customer('快');
      slowUser = slow.id;
      slow.contact.say('小米发霉了,订单123456').to(world.botUser);
      const slowId = slow.lastMessageId;
      await eventually(() => world.emitted.has(slowId), 'the slow message to be emitted');
      // The channel took it and returned: Wechaty's listeners already ran, the turn is pending.
      expect(slow.heard).to.deep.equal([]);

      await quick.says('小米发霉了,订单123457').hears(/后四位/);
      expect(slow.heard, 'the slow turn is still running').to.deep.equal([]);

      releaseSlow();
      await world.settled(slowId);
      expect(slow.heard.join('\n')).to.match(/后四位/);
    } finally {
      releaseSlow();
      await world.stop();
    }
  });

  it('replies longer than WeChat allows are split, between lines where possible', async () => {
    const world = await WechatWorld.start({ channel: { maxMessageLength: 100 } });
    try {
      const wang = world.customer('王芳');
      const complaint = `小米发霉了,订单123456。${'袋子打开以后发现里面全是霉点,味道也不对,'.repeat(5)}`;
      await wang
        .says(complaint).hears(/后四位/)
        .says('5678').hears(/几件/)
        .says('2').hears(/拍照/)
        .sendsPhoto(pngPhoto(12)).hears(/照片已收到/, /请核对/, /1\. 确认\n2\. 需要修改/)
        .then_(() => {
          // "photo received" + the summary card, which no longer fits in one message.
          expect(wang.lastReplies.length, wang.transcript()).to.be.at.least(3);
          for (const text of wang.lastReplies) expect(Array.from(text).length, text).to.be.at.most(100);
          // Cut between lines: the card's title and fields each start a line of their own...
          expect(wang.lastReplies.join('\n')).to.match(/^【您的申请】$/m).and.to.match(/^订单: 123456$/m);
          // ...and the description, longer than a message, arrives whole across messages.
          expect(wang.lastReplies.join('').replace(/\n/g, '')).to.include(`描述: ${complaint}`);
        })
        .says('确认').hears(/您希望怎么处理/, /1\. 退款\n2\. 换货/);
    } finally {
      await world.stop();
    }
  });
});
