import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import express from 'express';
import { SlackDesk } from '../../adapters/slack/slack-desk.js';
import { DeskActions } from '../../bot/agent-actions.js';
import { DeskPublisher } from '../../bot/desk-publisher.js';
import type { Escalation } from '../../bot/desk.js';
import { createLogger } from '../../bot/logger.js';
import { pngPhoto } from '../support/images.js';
import { startSlackApi, type SlackApi, type SlackApiCall } from '../support/slack/fake-slack-api.js';
import { messageEvent, sendBlockAction, sendEvent, sendViewSubmission } from '../support/slack/signed-requests.js';
import { BOT_ID, BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET } from '../support/slack/workspace.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';
import { eventually, WechatWorld } from '../wechat/world.js';
import { RecordingChannel } from '../desk/desk-support.js';

const CHANNEL = 'C0RETURNS';
const WANG = 'U0AGENT01';
const LI = 'U0AGENT02';

interface SlackWorld {
  bot: TestBot;
  api: SlackApi;
  desk: SlackDesk;
  publisher: DeskPublisher;
  web: RecordingChannel;
  url: string;
  stop(): Promise<void>;
}

/**
 * The whole path: the real engine and SQLite store, the engine's desk actions and desk outbox,
 * the Slack desk on real Bolt mounted on an express app, the Web API stand-in playing Slack.
 */
async function startSlackWorld(bot?: TestBot): Promise<SlackWorld> {
  const testBot = bot ?? (await startTestBot());
  const api = await startSlackApi({
    users: { [WANG]: { real_name: '王小明', display_name: '小明' }, [LI]: { real_name: '李华', display_name: '小李' } },
    channels: { [CHANNEL]: { name: 'returns' } },
  });
  const web = new RecordingChannel('test');
  testBot.engine.attach(web);
  const app = express();
  const server: Server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const logger = createLogger('silent');
  const desk = new SlackDesk({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    channelId: CHANNEL,
    agents: { [WANG]: '小王' },
    app,
    apiUrl: api.url,
    botId: BOT_ID,
    botUserId: BOT_USER_ID,
    retryConfig: { retries: 0 },
    windowDays: testBot.rules.window.days,
    clock: testBot.clock.now,
    logger,
  });
  const publisher = new DeskPublisher({ store: testBot.store, desk, clock: testBot.clock.now, logger });
  testBot.engine.attachDesk(publisher);
  await desk.start(new DeskActions(testBot.engine, testBot.store));
  return {
    bot: testBot,
    api,
    desk,
    publisher,
    web,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    async stop() {
      await publisher.stop();
      await desk.stop();
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      await api.close();
      if (!bot) await testBot.close();
    },
  };
}

describe('Slack desk end to end: engine, desk outbox, Bolt, Slack stand-in', () => {
  let world: SlackWorld;
  afterEach(async () => world.stop());

  const openFor = async (conversationId: string): Promise<Escalation> => (await world.bot.store.openEscalationOf(conversationId))!;
  /** The case card of `escalation`, once the desk outbox has posted it. */
  const cardOf = async (escalation: Escalation): Promise<string> => {
    let ts: string | undefined;
    await eventuallyAsync(async () => {
      ts = (await world.bot.store.findEscalation(escalation.id))?.deskRef?.ts;
      return ts !== undefined;
    }, 'the case card to be posted');
    return ts!;
  };
  const click = (user: string, actionId: string, ts: string, escalationId: string) =>
    sendBlockAction(world.url, SIGNING_SECRET, { user, channel: CHANNEL, messageTs: ts, actionId, value: escalationId });
  const threadReply = (user: string, ts: string, text: string) => sendEvent(world.url, SIGNING_SECRET, messageEvent({ channel: CHANNEL, user, text, threadTs: ts }));

  it('web chat: escalated by the rules → card with photo → take over → both ways, photos too → approve → confirmation', async () => {
    world = await startSlackWorld();
    const { bot, api, web } = world;
    const c = chat(bot, 'chen');
    await c.customer('大米生虫了,订单300001,尾号9999').customer('10袋').photo(pngPhoto(91)).customer('确认').bot(/专属客服/);
    const escalation = await openFor('test:chen');
    const ts = await cardOf(escalation);

    const [card] = api.callsTo('chat.postMessage');
    expect(blockText(card!)).to.include(escalation.caseId!).and.include('Take over').and.include('dedicated agent');
    await eventually(() => [...api.workspace.files.values()].some(f => f.thread_ts === ts && f.content?.equals(pngPhoto(91))), 'the photo in the thread');

    await click(WANG, 'rb_take', ts, escalation.id);
    await eventually(() => /客服 小王 已加入对话/.test(web.textsTo('chen')), 'the customer to be told the agent joined');
    await api.waitFor('chat.update', c => blockText(c).includes('Held by *小王*'));

    // A second agent is refused politely.
    await click(LI, 'rb_take', ts, escalation.id);
    const refused = await api.waitFor('chat.postEphemeral');
    expect(refused.body).to.include({ user: LI });
    expect(refused.body.text).to.include('held by *小王*');

    // The customer writes while the agent holds the case: the bot is silent, the thread shows it.
    await c.customer('什么时候能退款?', [{ kind: 'image', name: 'bugs.png', declaredType: 'image/png', data: pngPhoto(95) }]).silent();
    await api.waitFor('chat.postMessage', c => c.body.thread_ts === ts && String(c.body.text).includes('什么时候能退款?'));
    await eventually(() => [...api.workspace.files.values()].some(f => f.thread_ts === ts && f.content?.equals(pngPhoto(95))), 'the second photo in the thread');

    // The agent answers in the thread; a private note stays in Slack.
    await threadReply(WANG, ts, '// 批发客户,优先处理');
    await threadReply(WANG, ts, '您好,照片已收到,马上为您处理。');
    await eventually(() => web.textsTo('chen').includes('小王:您好,照片已收到,马上为您处理。'), 'the agent reply to reach the customer');
    expect(web.textsTo('chen')).not.to.include('批发客户');

    await click(WANG, 'rb_approve_refund', ts, escalation.id);
    await eventually(() => /同事已审核工单 RB-/.test(web.textsTo('chen')), 'the confirmation');
    expect(web.textsTo('chen')).to.match(/工单号是 RB-\d{8}-\d{4}/).and.match(/个工作日到账/);
    expect(await bot.store.findCase(escalation.caseId!)).to.deep.include({ status: 'approved', outcome: 'refund' });
    await api.waitFor('chat.update', c => blockText(c).includes('Refund · approved'));
    expect(api.callsTo('chat.postMessage').filter(c => c.body.thread_ts === undefined)).to.have.length(1);
  });

  it('web chat: reject with a reason → the customer reads it; hand back → the bot answers again', async () => {
    world = await startSlackWorld();
    const { bot, api, web } = world;
    const c = chat(bot, 'alice');
    await c.customer('The mug arrived cracked, order 400001, phone ending 2468').customer('1').customer('No').photo(pngPhoto(92)).customer('Yes').bot(/colleague needs to review/);
    const escalation = await openFor('test:alice');
    const ts = await cardOf(escalation);

    await click(WANG, 'rb_reject', ts, escalation.id);
    const modal = await api.waitFor('views.open');
    expect((modal.body.view as { private_metadata: string }).private_metadata).to.equal(escalation.id);
    await sendViewSubmission(world.url, SIGNING_SECRET, {
      user: WANG,
      callbackId: 'rb_reject_reason',
      privateMetadata: escalation.id,
      values: { reason: { reason: { type: 'plain_text_input', value: 'The courier photo shows the box was opened after delivery.' } } },
    });
    await eventually(() => /can't accept case RB-\d{8}-\d{4}: The courier photo shows/.test(web.textsTo('alice')), 'the reason to reach the customer');
    expect(await bot.store.findCase(escalation.caseId!)).to.deep.include({ status: 'refused' });

    await click(WANG, 'rb_hand_back', ts, escalation.id);
    await eventually(() => /handed the conversation back to me/.test(web.textsTo('alice')), 'the customer to be told');
    await c.customer('where is my refund?').bot(/where your requests stand/, /refused/);
    await api.waitFor('chat.update', c => blockText(c).includes('Handed back to the bot'));
  });

  it('WeChat (mock puppet): escalated → take over → the agent replies on WeChat → approve → confirmation on WeChat', async function () {
    this.timeout(30_000);
    const wechat = await WechatWorld.start();
    world = await startSlackWorld(wechat.testBot);
    const stopWorld = world.stop.bind(world);
    world.stop = async () => {
      await stopWorld();
      await wechat.stop();
    };
    const { api } = world;
    const fang = wechat.customer('王芳');
    await fang.says('大米生虫了,订单300001,尾号9999').says('10袋').sendsPhoto(pngPhoto(96), '虫.png').says('确认').hears(/专属客服/);
    const escalation = await openFor(`wechat:${fang.id}`);
    expect(escalation.channel).to.equal('wechat');
    const ts = await cardOf(escalation);
    expect(blockText(api.callsTo('chat.postMessage')[0]!)).to.include('wechat · zh-Hans');

    await click(WANG, 'rb_take', ts, escalation.id);
    await eventually(() => fang.heard.some(text => /客服 小王 已加入对话/.test(text)), 'the WeChat customer to hear the agent joined');

    await fang.says('请快点处理').hearsNothing();
    await api.waitFor('chat.postMessage', c => c.body.thread_ts === ts && String(c.body.text).includes('请快点处理'));

    await threadReply(WANG, ts, '好的,正在为您退款。');
    await eventually(() => fang.heard.includes('小王:好的,正在为您退款。'), 'the agent reply on WeChat');

    await click(WANG, 'rb_approve_refund', ts, escalation.id);
    await eventually(() => fang.heard.some(text => /工单号是 RB-/.test(text)), 'the confirmation on WeChat');
    expect(fang.heard.join('\n')).to.match(/同事已审核工单 RB-/);
  });

  it('Slack down while a customer escalates: the customer is answered, the card is posted once Slack is back', async () => {
    world = await startSlackWorld();
    const { bot, api } = world;
    api.down();
    const c = chat(bot, 'bob');
    await c.customer('I want to talk to a real person').bot(/colleague/);
    await world.publisher.runOnce();
    expect(api.callsTo('chat.postMessage').filter(c => c.ok)).to.have.length(0);
    const escalation = await openFor('test:bob');
    expect(escalation.deskRef).to.equal(null);

    await c.customer('hello? anyone there?').bot(/.+/);
    api.up();
    bot.clock.current = new Date(bot.clock.current.getTime() + 60_000);
    await world.publisher.runOnce();
    const cards = api.callsTo('chat.postMessage').filter(c => c.ok && c.body.thread_ts === undefined);
    expect(cards).to.have.length(1);
    const ts = (await bot.store.findEscalation(escalation.id))!.deskRef!.ts;
    await api.waitFor('chat.postMessage', c => c.body.thread_ts === ts && String(c.body.text).includes('hello? anyone there?'));
    await delay(20);
    expect(api.callsTo('chat.postMessage').filter(c => c.ok && c.body.thread_ts === undefined)).to.have.length(1);
  });
});

async function eventuallyAsync(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(10);
  }
}

function blockText(call: SlackApiCall): string {
  return JSON.stringify(call.body.blocks ?? []).replace(/\\n/g, '\n').replace(/\\"/g, '"');
}
