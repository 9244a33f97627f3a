import { expect } from 'chai';
import { types } from 'wechaty';
import { eventually, WechatWorld, type WorldOptions } from './world.js';

const { Receive, Confirm } = types.Friendship;

/** What Wechaty's `throwUnsupportedError` throws for an API a puppet does not have. */
const unsupported = (): never => {
  throw new Error('Wechaty Puppet Unsupported API Error. Learn More At https://github.com/wechaty/wechaty-puppet/wiki/Compatibility');
};

/** A world whose puppet counts its accepts, and fails the first `failures` of them with `error`. */
async function worldAccepting(options: WorldOptions & { failures?: number; error?: () => never } = {}) {
  const world = await WechatWorld.start(options);
  const accepted: string[] = [];
  let failures = options.failures ?? 0;
  world.puppet.friendshipAccept = async (friendshipId: string) => {
    accepted.push(friendshipId);
    if (failures-- > 0) (options.error ?? (() => { throw new Error('puppet busy'); }))();
  };
  return { world, accepted };
}

describe('WeChat: customers who add the shop as a friend', () => {
  let world: WechatWorld;
  afterEach(async () => world.stop());

  it('a request is accepted; once the friendship is made the bot greets once, in Chinese by default', async () => {
    const started = await worldAccepting();
    world = started.world;
    const wang = world.customer('王芳');

    const requestId = await world.friendship(Receive, wang.contact, { hello: '我是王芳' });
    expect(started.accepted).to.deep.equal([requestId]);
    expect(world.logger.messages('info')).to.include('WeChat friend request accepted');
    expect(wang.heard, 'no greeting before WeChat confirms the friendship').to.deep.equal([]);

    const confirmId = await world.friendship(Confirm, wang.contact);
    expect(wang.heard).to.have.length(1);
    expect(wang.heard[0]).to.match(/感谢您添加/).and.not.match(/没太明白/);

    // WeChat telling the same friendship again changes nothing.
    await world.friendship(Confirm, wang.contact, { id: confirmId });
    expect(wang.heard).to.have.length(1);

    // The greeting is stored and marked sent like any reply, and the conversation goes on.
    const stored = await world.testBot.store.lastMessages(`wechat:${wang.id}`, 10);
    expect(stored.filter(message => message.direction === 'out').map(message => message.text)).to.deep.equal(wang.heard);
    expect(await world.testBot.store.pendingDeliveries(new Date(Date.now() + 60_000).toISOString(), 10)).to.deep.equal([]);
    await wang.says('小米发霉了,订单123456').hears(/后四位/);
  });

  it('greets in the language of the request note; a note naming an order starts the request', async () => {
    ({ world } = await worldAccepting());
    const amy = world.customer('Amy');
    await world.friendship(Receive, amy.contact, { hello: "Hi, I'm Amy" });
    await world.friendship(Confirm, amy.contact);
    expect(amy.heard).to.have.length(1);
    expect(amy.heard[0]).to.match(/Thanks for adding us/);

    const wang = world.customer('王芳');
    await world.friendship(Receive, wang.contact, { hello: '订单123456' });
    await world.friendship(Confirm, wang.contact);
    expect(wang.heard[0]).to.match(/感谢您添加/);
    expect(wang.heard.slice(1).join('\n'), 'the order is taken: next, what went wrong').to.match(/订单遇到了什么问题/);
    await wang.says('小米发霉了').hears(/后四位/).hearsNot(/订单号/);
  });

  it('with WECHAT_ACCEPT_FRIENDS off, requests are left to the phone', async () => {
    const started = await worldAccepting({ channel: { acceptFriends: false } });
    world = started.world;
    const wang = world.customer('王芳');
    await world.friendship(Receive, wang.contact, { hello: '我是王芳' });
    expect(started.accepted).to.deep.equal([]);
    expect(wang.heard).to.deep.equal([]);
    expect(world.logger.messages('debug')).to.include('WeChat friend request left to be accepted on the phone');
  });

  it('a failing accept is tried again with backoff, then logged; the bot goes on serving', async () => {
    const started = await worldAccepting({ failures: 4, channel: { acceptRetry: { attempts: 3, initialMs: 10, maxMs: 20 } } });
    world = started.world;
    const wang = world.customer('王芳');
    const lost = await world.friendship(Receive, wang.contact);
    expect(started.accepted).to.deep.equal([lost, lost, lost]);
    const retries = world.logger.lines.filter(line => line.message === 'WeChat friend request not accepted yet; trying again');
    expect(retries.map(line => line.fields.attempt)).to.deep.equal([1, 2]);
    for (const line of retries) expect(line.fields.retryInMs).to.be.within(5, 20);
    const failure = world.logger.lines.filter(line => line.level === 'error');
    expect(failure.map(line => line.message)).to.deep.equal(['WeChat friend request not accepted; accept it on the phone']);
    expect(failure[0]!.fields).to.include({ friendshipId: lost, attempts: 3, error: 'puppet busy' });

    // The next request fails once (the fourth failure), then goes through.
    const li = world.customer('李雷');
    const next = await world.friendship(Receive, li.contact);
    expect(started.accepted.slice(3)).to.deep.equal([next, next]);
    expect(world.logger.messages('info')).to.include('WeChat friend request accepted');
    await wang.says('小米发霉了,订单123456').hears(/后四位/);
  });

  it('a puppet that cannot accept is logged once; its requests are left to the phone', async () => {
    const started = await worldAccepting({ failures: Infinity, error: unsupported });
    world = started.world;
    await world.friendship(Receive, world.customer('王芳').contact);
    await world.friendship(Receive, world.customer('李雷').contact);
    expect(started.accepted).to.have.length(1);
    const warnings = world.logger.lines.filter(line => line.level !== 'debug' && line.level !== 'info');
    expect(warnings.map(line => line.message)).to.deep.equal(['WeChat: this puppet cannot accept friend requests; accept them on the phone']);
  });

  it('stopping does not wait for the next try', async () => {
    const started = await worldAccepting({ failures: 1, channel: { acceptRetry: { initialMs: 60_000 } } });
    world = started.world;
    await world.emitFriendship(Receive, world.customer('王芳').contact);
    await eventually(() => started.accepted.length === 1, 'a first accept');
    const stopping = Date.now();
    await world.channel.stop();
    expect(Date.now() - stopping).to.be.below(1000);
    expect(started.accepted).to.have.length(1);
  });
});
