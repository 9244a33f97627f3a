import { expect } from 'chai';
import { WechatWorld } from './world.js';

describe('WeChat: group chats', () => {
  it('a group message is ignored by default; the same person in private is answered', async () => {
    const world = await WechatWorld.start();
    try {
      const wang = world.customer('王芳');
      const room = world.room('吃货群', [wang]);
      const inRoom = world.botLinesIn(room);
      wang.contact.say('小米发霉了,订单123456', [world.botUser]).to(room);
      const roomMessageId = wang.lastMessageId;
      await world.settled(roomMessageId);
      await wang.says('小米发霉了,订单123456').hears(/后四位/);

      expect(inRoom).to.deep.equal([]);
      expect(await world.testBot.store.wasHandled('wechat', roomMessageId)).to.equal(false);
      expect(world.logger.messages('debug')).to.include('WeChat group message ignored');
    } finally {
      await world.stop();
    }
  });

  it('with WECHAT_ROOMS on, the bot answers in the group when @-mentioned, and only then', async () => {
    const world = await WechatWorld.start({ channel: { rooms: true } });
    try {
      const wang = world.customer('王芳');
      const room = world.room('吃货群', [wang]);
      const inRoom = world.botLinesIn(room);
      wang.contact.say('大家好').to(room);
      await world.settled(wang.lastMessageId);
      expect(inRoom).to.deep.equal([]);

      wang.contact.say('@returnbot 客服 小米发霉了,订单123456', [world.botUser]).to(room);
      await world.settled(wang.lastMessageId);
      expect(inRoom.join('\n')).to.match(/后四位/);
      // The conversation is the person's, wherever they write from.
      expect(await world.testBot.store.loadConversation('wechat', wang.id)).to.not.equal(null);
    } finally {
      await world.stop();
    }
  });
});
