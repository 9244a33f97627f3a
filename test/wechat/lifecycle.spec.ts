import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import { startReturnbot } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { isCoded } from '../../bot/errors.js';
import { OutboxDispatcher } from '../../bot/outbox-dispatcher.js';
import { WechatChannel } from '../../adapters/wechat/wechat-channel.js';
import { pngPhoto } from '../support/images.js';
import { startTestBot } from '../support/test-bot.js';
import { eventually, RecordingLogger, WechatWorld } from './world.js';

const delivery = { outboxId: 1, message: { text: '您的工单有新进展' } };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('WeChat: login, logout and puppet trouble', () => {
  it('a puppet that cannot be loaded is logged and retried with backoff while the engine serves other channels', async () => {
    const testBot = await startTestBot();
    const logger = new RecordingLogger();
    const channel = new WechatChannel({
      puppet: 'wechaty-puppet-does-not-exist',
      puppetOptions: { token: 'secret-token' },
      memoryPath: join(testBot.dataDir, 'wechat'),
      maxAttachmentBytes: testBot.rules.photos.maxBytes,
      logger,
      wechatyLogLevel: 'silent',
      retry: { initialMs: 20, maxMs: 80 },
    });
    try {
      testBot.engine.attach(channel);
      const started = Date.now();
      await channel.start(testBot.engine);
      expect(Date.now() - started, 'start() does not wait for WeChat').to.be.below(200);

      await eventually(() => logger.messages('error').filter(message => message === 'WeChat could not start').length >= 3, 'three failed starts');
      const failure = logger.lines.find(line => line.message === 'WeChat could not start')!;
      expect(failure.fields).to.include({ puppet: 'wechaty-puppet-does-not-exist', hint: 'npm install wechaty-puppet-does-not-exist' });
      expect(String(failure.fields.error)).to.match(/wechaty-puppet-does-not-exist/);
      expect(JSON.stringify(logger.lines), 'the token is never logged').not.to.include('secret-token');
      const retries = logger.lines.filter(line => /^WeChat is down \(start failed\); next try in/.test(line.message));
      expect(retries.map(line => line.fields.attempt).slice(0, 3)).to.deep.equal([1, 2, 3]);
      for (const line of retries) expect(line.fields.retryInMs).to.be.within(10, 80);

      // Meanwhile the engine answers on other channels...
      const replies = await testBot.engine.handle({ channel: 'web', userId: 'w1', messageId: 'w1-1', text: '小米发霉了,订单123456', attachments: [] });
      expect(replies.map(reply => reply.message.text).join('\n')).to.match(/后四位/);
      // ...and proactive messages for WeChat stay in the outbox.
      const error = await rejection(channel.deliver('someone', [delivery]));
      expect(isCoded(error, 'channel_unavailable')).to.equal(true);
      expect(channel.state).to.be.oneOf(['starting', 'offline']);
    } finally {
      const stopping = Date.now();
      await channel.stop();
      expect(Date.now() - stopping, 'stop() cuts the backoff short').to.be.below(1000);
      expect(channel.state).to.equal('stopped');
      await testBot.close();
    }
  });

  it('a logout is logged, Wechaty restarted after the grace period, and what was not delivered meanwhile arrives after', async () => {
    const world = await WechatWorld.start({ channel: { reloginGraceMs: 300, retry: { initialMs: 20, maxMs: 40 } } });
    const { testBot, logger } = world;
    const dispatcher = new OutboxDispatcher({ store: testBot.store, push: (channel, userId, deliveries) => testBot.engine.push(channel, userId, deliveries), clock: testBot.clock.now, logger: pino({ level: 'silent' }) });
    try {
      const wang = world.customer('王芳');
      await wang
        .says('小米发霉了,订单123456').hears(/后四位/)
        .says('5678').hears(/几件/)
        .says('2').hears(/拍照/)
        .sendsPhoto(pngPhoto(41)).hears(/请核对/)
        .says('1').hears(/您希望怎么处理/)
        .says('1').hears(/工单号是 RB-/);
      const [record] = await testBot.store.casesOfConversation(`wechat:${wang.id}`);
      expect(logger.messages('info')).to.include('WeChat: logged in as returnbot 客服');

      await world.puppet.logout('kicked out by the phone');
      expect(world.channel.state).to.equal('offline');
      expect(logger.lines.find(line => line.level === 'warn' && line.message.startsWith('WeChat: logged out'))?.fields).to.include({ reason: 'kicked out by the phone' });
      expect(isCoded(await rejection(world.channel.deliver(wang.id, [delivery])), 'channel_unavailable')).to.equal(true);

      // The case is closed while WeChat is down: the survey waits in the outbox.
      const heardBefore = wang.heard.length;
      await testBot.engine.closeCase(record!.id, 'agent', '已退款');
      expect(wang.heard.length).to.equal(heardBefore);

      // No new login within the grace period: the channel restarts Wechaty, the account logs in again.
      await eventually(() => logger.messages('warn').some(message => message.startsWith('WeChat is down (logged out); next try in')), 'the restart');
      await world.channel.whenOnline(5000);
      expect(logger.messages('info').filter(message => message === 'WeChat: logged in as returnbot 客服')).to.have.length(2);

      // The outbox dispatcher's next pass delivers the survey; the answer "5" is a number option.
      testBot.clock.advanceDays(1);
      await dispatcher.runOnce();
      expect(wang.heard.slice(heardBefore).join('\n')).to.match(new RegExp(`工单 ${record!.id} 已完成`));
      await wang.says('5').hears(/谢谢|感谢/);
    } finally {
      await dispatcher.stop();
      await world.stop();
    }
  });

  it("the login session (Wechaty's memory card) is kept in DATA_DIR", async () => {
    const world = await WechatWorld.start();
    try {
      // Wechaty's memory card (memory-card's typings do not resolve under NodeNext).
      const { memory } = world.channel.wechaty as unknown as { memory: { set(key: string, value: unknown): Promise<void>; save(): Promise<void> } };
      await memory.set('probe', 1);
      await memory.save();
      expect(existsSync(join(world.testBot.dataDir, 'wechat-test.memory-card.json'))).to.equal(true);
    } finally {
      await world.stop();
    }
  });

  it('a puppet error is logged and the bot goes on answering', async () => {
    const world = await WechatWorld.start();
    try {
      world.puppet.emit('error', { gerror: 'grpc stream reset' });
      await eventually(() => world.logger.messages('error').includes('WeChat puppet error'), 'the error log line');
      expect(world.logger.lines.find(line => line.message === 'WeChat puppet error')?.fields.error).to.match(/grpc stream reset/);
      await world.customer('陈').says('小米发霉了,订单123456').hears(/后四位/);
      expect(world.channel.state).to.equal('online');
    } finally {
      await world.stop();
    }
  });
});

describe('WeChat in `npm start` (startReturnbot)', function () {
  this.timeout(30_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'returnbot-wechat-app-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const start = (env: Record<string, string>) => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', WEB_SESSION_SECRET: 'wechat-app-test-secret-0123456789abcdef', ...env }, '');
    return { lines, bot: startReturnbot(config, { logger: pino({ level: 'info' }, sink) }) };
  };

  it('without WECHAT_PUPPET it starts without WeChat and says so in one log line', async () => {
    const { lines, bot } = start({});
    const running = await bot;
    try {
      const wechatLines = lines.filter(line => /wechat/i.test(String(line.msg)));
      expect(wechatLines.map(line => line.msg)).to.deep.equal(['WeChat is off: set WECHAT_PUPPET in .env to connect an account (see README, "WeChat")']);
      expect((await fetch(running.url)).status).to.equal(200);
    } finally {
      await running.stop();
    }
  });

  it('with WECHAT_PUPPET it starts the puppet in the background and the web chat serves', async () => {
    const { lines, bot } = start({ WECHAT_PUPPET: 'wechaty-puppet-mock', WECHAT_NAME: 'shop-account' });
    const running = await bot;
    try {
      await eventually(() => lines.some(line => line.msg === 'WeChat: puppet started, waiting for the login (QR code or saved session)'), 'the puppet to start');
      expect(lines.find(line => line.msg === 'WeChat: starting the puppet')).to.include({ puppet: 'wechaty-puppet-mock' });
      expect((await fetch(running.url)).status).to.equal(200);
    } finally {
      await running.stop();
    }
  });
});
