import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { types } from '@slack/bolt';
import { expect } from 'chai';
import express from 'express';
import { createLogger } from '../../bot/logger.js';
import { ReturnbotError } from '../../bot/errors.js';
import { SlackDesk, type SlackDeskOptions } from '../../adapters/slack/slack-desk.js';
import { startSlackApi, type SlackApi, type SlackApiCall } from '../support/slack/fake-slack-api.js';
import { messageEvent, sendBlockAction, sendEvent, sendViewSubmission } from '../support/slack/signed-requests.js';
import { BOT_ID, BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET } from '../support/slack/workspace.js';
import { milletView, RecordingActions } from './recording-actions.js';

const CHANNEL = 'C0RETURNS';
const WANG = 'U0AGENT01'; // configured: the customer sees 客服小王
const LI = 'U0AGENT02'; // not configured: the name comes from users.info

// The Slack desk on the real Bolt (mounted on an express app, as bot/app.ts mounts it), fed
// signed requests, talking to the local Web API stand-in; the engine is a recording stand-in.
describe('SlackDesk', () => {
  let api: SlackApi;
  let actions: RecordingActions;
  let running: RunningDesk | undefined;

  beforeEach(async () => {
    api = await startSlackApi({
      users: { [WANG]: { real_name: '王小明', display_name: '小明' }, [LI]: { real_name: '李华', display_name: '小李' } },
      channels: { [CHANNEL]: { name: 'returns' } },
    });
    actions = new RecordingActions();
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await api.close();
  });

  /** Posts the card of a fresh millet escalation and answers with its ts. */
  async function opened(id = 'esc-1'): Promise<string> {
    actions.add(milletView({ id }));
    for (const [photoId, bytes] of [['photo-a', 'JPEG bytes a'], ['photo-b', 'PNG bytes b']] as const) {
      actions.photos.set(photoId, { mime: photoId === 'photo-a' ? 'image/jpeg' : 'image/png', data: Buffer.from(bytes) });
    }
    await running!.desk.publish({ kind: 'opened', escalationId: id });
    return actions.escalation(id).deskRef!.ts;
  }

  function click(user: string, actionId: string, cardTs: string, value = 'esc-1', triggerId?: string) {
    return sendBlockAction(running!.url, SIGNING_SECRET, { user, channel: CHANNEL, messageTs: cardTs, actionId, value, ...(triggerId && { triggerId }) });
  }

  function claimed(id = 'esc-1', agent = { id: WANG, name: '客服小王' }): void {
    const e = actions.escalation(id);
    e.status = 'claimed';
    e.agent = agent;
  }

  describe('publishing', () => {
    beforeEach(async () => {
      running = await startDesk(api, actions);
    });

    it('posts the case card on opened, records where it is, and uploads the photos to its thread', async () => {
      const ts = await opened();

      const [post] = api.callsTo('chat.postMessage');
      expect(post?.body.channel).to.equal(CHANNEL);
      const text = blockText(post!);
      expect(text).to.include('RB-20261120-0001 · Quality problem');
      expect(text).to.include('李女士 · member');
      expect(text).to.include('web · zh-Hans');
      expect(text).to.include('123456 · Yellow millet 5 kg × 1');
      expect(text).to.include('Allowed: Refund, Exchange · needs a person');
      expect(text).to.include('Quality problems are always covered.');
      expect(text).to.include('above what I can approve myself, so a colleague will confirm it.');
      expect(text).to.include('First feedback: due <!date^');
      expect(text).to.include('转人工');
      // A customer cannot ping the channel through the card.
      expect(text).to.include('小米发霉了 &lt;!channel&gt;');
      expect(buttons(post!)).to.deep.equal(['rb_take']);
      expect(actions.callsTo('attachDeskRef')[0]?.args).to.deep.equal(['esc-1', { channel: CHANNEL, ts }]);

      const files = [...api.workspace.files.values()];
      expect(files.map(f => [f.content?.toString(), f.channels, f.thread_ts])).to.deep.equal([
        ['JPEG bytes a', [CHANNEL], ts],
        ['PNG bytes b', [CHANNEL], ts],
      ]);
      expect(files.map(f => f.name)).to.deep.equal(['photo-photo-a.jpg', 'photo-photo-b.png']);
    });

    it('does not post a second card when opened is published again: it updates the one there', async () => {
      const ts = await opened();
      await running!.desk.publish({ kind: 'opened', escalationId: 'esc-1' });

      expect(api.callsTo('chat.postMessage')).to.have.length(1);
      const [update] = api.callsTo('chat.update');
      expect(update?.body).to.include({ channel: CHANNEL, ts });
      expect(actions.callsTo('attachDeskRef')).to.have.length(1);
    });

    it('retries a half-shown opened event without repeating what was done: one card, each photo once', async () => {
      actions.add(milletView());
      actions.photos.set('photo-a', { mime: 'image/jpeg', data: Buffer.from('a') });
      actions.photos.set('photo-b', { mime: 'image/png', data: Buffer.from('b') });
      // Slack goes down after the card and the first photo: the event throws and is retried later.
      actions.beforePhoto = id => (id === 'photo-b' ? api.down() : undefined);
      const failed = await running!.desk.publish({ kind: 'opened', escalationId: 'esc-1' }).catch((e: unknown) => e);
      expect(failed).to.be.instanceOf(ReturnbotError).and.include({ code: 'channel_unavailable' });

      api.up();
      actions.beforePhoto = undefined;
      await running!.desk.publish({ kind: 'opened', escalationId: 'esc-1' });
      expect(api.callsTo('chat.postMessage')).to.have.length(1);
      expect(api.callsTo('chat.update')).to.have.length(0); // the card was already drawn in this process
      expect(api.callsTo('files.completeUploadExternal').filter(c => c.ok)).to.have.length(2);
      expect([...api.workspace.files.values()].filter(f => f.channels.length).map(f => f.content?.toString())).to.deep.equal(['a', 'b']);
    });

    it('shows what the customer says in the thread, photos included', async () => {
      const ts = await opened();
      actions.photos.set('photo-c', { mime: 'image/webp', data: Buffer.from('webp bytes') });
      await running!.desk.publish({ kind: 'customer_said', escalationId: 'esc-1', text: '还要等多久? @here', photoIds: ['photo-c'] });

      const said = api.callsTo('chat.postMessage')[1];
      expect(said?.body).to.include({ channel: CHANNEL, thread_ts: ts });
      expect(said?.body.text).to.equal(':bust_in_silhouette: *李女士*: 还要等多久? @here');
      const file = [...api.workspace.files.values()].find(f => f.content?.toString() === 'webp bytes');
      expect(file).to.include({ thread_ts: ts, name: 'photo-photo-c.webp' });
    });

    it('throws for a customer message before the card is posted (the outbox tries it again)', async () => {
      actions.add(milletView());
      const failed = await running!.desk.publish({ kind: 'customer_said', escalationId: 'esc-1', text: 'hi', photoIds: [] }).catch((e: unknown) => e);
      expect(failed).to.be.instanceOf(ReturnbotError).and.include({ code: 'channel_unavailable' });
      expect(api.callsTo('chat.postMessage')).to.have.length(0);
    });

    it('redraws the card on changed (who holds it, the buttons) and notes the change in the thread', async () => {
      const ts = await opened();
      claimed();
      await running!.desk.publish({ kind: 'changed', escalationId: 'esc-1', note: '客服小王 took over' });

      const [update] = api.callsTo('chat.update');
      expect(update?.body.ts).to.equal(ts);
      expect(blockText(update!)).to.include(`Held by *客服小王* (<@${WANG}>)`);
      expect(buttons(update!)).to.deep.equal(['rb_approve_refund', 'rb_approve_exchange', 'rb_approve_reship', 'rb_reject', 'rb_hand_back', 'rb_close']);
      expect(api.callsTo('chat.postMessage')[1]?.body).to.include({ thread_ts: ts, text: ':information_source: 客服小王 took over' });
    });

    it('reminds in the thread before an SLA deadline and marks a breach on the card', async () => {
      const ts = await opened();
      claimed();
      running!.clock.current = new Date('2026-11-21T00:00:00.000Z');
      await running!.desk.publish({ kind: 'sla', escalationId: 'esc-1', deadline: 'first_response', state: 'due_soon' });
      expect(api.callsTo('chat.postMessage').at(-1)?.body.text).to.match(new RegExp(`^<@${WANG}> :alarm_clock: First feedback due in 2 h \\(<!date\\^\\d+\\^`));

      running!.clock.current = new Date('2026-11-21T03:00:00.000Z');
      actions.escalation('esc-1').slaNotices.push('first_response:breached');
      await running!.desk.publish({ kind: 'sla', escalationId: 'esc-1', deadline: 'first_response', state: 'breached' });
      expect(api.callsTo('chat.postMessage').at(-1)?.body).to.include({ thread_ts: ts });
      expect(api.callsTo('chat.postMessage').at(-1)?.body.text).to.include('First feedback deadline missed');
      expect(blockText(api.callsTo('chat.update').at(-1)!)).to.include('First feedback: :rotating_light: *BREACHED*');
    });

    it('throws while Slack is down and posts the card once Slack is back: nothing lost, nothing twice', async () => {
      actions.add(milletView());
      actions.photos.set('photo-a', { mime: 'image/jpeg', data: Buffer.from('a') });
      actions.photos.set('photo-b', { mime: 'image/png', data: Buffer.from('b') });
      api.down();
      const failed = await running!.desk.publish({ kind: 'opened', escalationId: 'esc-1' }).catch((e: unknown) => e);
      expect(failed).to.be.instanceOf(ReturnbotError).and.include({ code: 'channel_unavailable' });
      expect((failed as Error).message).to.match(/opened.*503/);
      expect(actions.callsTo('attachDeskRef')).to.have.length(0);

      api.up();
      await running!.desk.publish({ kind: 'opened', escalationId: 'esc-1' });
      const cards = api.callsTo('chat.postMessage').filter(c => c.ok && c.body.thread_ts === undefined);
      expect(cards).to.have.length(1);
      const ts = actions.escalation('esc-1').deskRef?.ts;
      expect(ts).to.be.a('string');
      expect([...api.workspace.files.values()].map(f => [f.content?.toString(), f.thread_ts])).to.deep.equal([
        ['a', ts],
        ['b', ts],
      ]);
    });

    it('waits out a 429 within its bounded retries', async function () {
      this.timeout(5000);
      await running!.stop();
      running = await startDesk(api, actions, { retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 } });
      actions.add(milletView({ caseless: true }));
      api.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
      await running.desk.publish({ kind: 'opened', escalationId: 'esc-1' });
      expect(api.callsTo('chat.postMessage').map(c => c.status)).to.deep.equal([429, 200]);
    });

    it('draws a card with no case yet from the facts collected, with nothing to approve', async () => {
      actions.add(milletView({ caseless: true }));
      await running!.desk.publish({ kind: 'opened', escalationId: 'esc-1' });
      const [post] = api.callsTo('chat.postMessage');
      expect(blockText(post!)).to.include('No case yet · the customer asked for a person');
      expect(blockText(post!)).to.include('• Item: 小米');
      claimed();
      await running!.desk.publish({ kind: 'changed', escalationId: 'esc-1', note: '' });
      expect(buttons(api.callsTo('chat.update')[0]!)).to.deep.equal(['rb_hand_back', 'rb_close']);
    });
  });

  describe('agents in Slack', () => {
    beforeEach(async () => {
      running = await startDesk(api, actions);
    });

    it('Take over claims the case for the mapped agent; a Slack user not configured gets their Slack name', async () => {
      const ts = await opened();
      const res = await click(WANG, 'rb_take', ts);
      expect(res.status).to.equal(200);
      const claim = await actions.waitFor('claim');
      expect(claim.args.slice(0, 2)).to.deep.equal(['esc-1', { id: WANG, name: '客服小王' }]);
      expect(claim.args[2]).to.match(/^slack:action:/);

      await opened('esc-2');
      await click(LI, 'rb_take', ts, 'esc-2');
      const second = await actions.waitFor('claim', c => c.args[0] === 'esc-2');
      expect(second.args[1]).to.deep.equal({ id: LI, name: '小李' });
    });

    it('two agents claiming at once: one owner, the other is told politely who holds it', async () => {
      const ts = await opened();
      await Promise.all([click(WANG, 'rb_take', ts), click(LI, 'rb_take', ts)]);
      const refusal = await api.waitFor('chat.postEphemeral');
      await delay(30);
      expect(actions.callsTo('claim')).to.have.length(2);
      const owner = actions.escalation('esc-1').agent!;
      const other = owner.id === WANG ? LI : WANG;
      expect(api.callsTo('chat.postEphemeral')).to.have.length(1);
      expect(refusal.body).to.include({ channel: CHANNEL, user: other });
      expect(refusal.body.text).to.include(`held by *${owner.name}*`);
    });

    it('Approve grants the outcome of the button, an override included', async () => {
      const ts = await opened();
      claimed();
      await click(WANG, 'rb_approve_refund', ts);
      await click(WANG, 'rb_approve_reship', ts);
      const decisions = [await actions.waitFor('decide', c => (c.args[2] as { outcome?: string }).outcome === 'refund'), await actions.waitFor('decide', c => (c.args[2] as { outcome?: string }).outcome === 'reship')];
      expect(decisions.map(d => d.args.slice(0, 3))).to.deep.equal([
        ['esc-1', { id: WANG, name: '客服小王' }, { kind: 'approve', outcome: 'refund' }],
        ['esc-1', { id: WANG, name: '客服小王' }, { kind: 'approve', outcome: 'reship' }],
      ]);
    });

    it('Approve by someone who does not hold the case: refused, told privately', async () => {
      const ts = await opened();
      claimed();
      await click(LI, 'rb_approve_refund', ts);
      const told = await api.waitFor('chat.postEphemeral');
      expect(told.body).to.include({ user: LI });
      expect(told.body.text).to.include('Only *客服小王*, who holds this case');
    });

    it('Reject opens a modal for the reason; its submission rejects with that reason', async () => {
      const ts = await opened();
      claimed();
      await click(WANG, 'rb_reject', ts, 'esc-1', '12345.67890.trigger');
      const open = await api.waitFor('views.open');
      const view = open.body.view as types.ModalView;
      expect(open.body.trigger_id).to.equal('12345.67890.trigger');
      expect(view).to.include({ callback_id: 'rb_reject_reason', private_metadata: 'esc-1' });

      const empty = await sendViewSubmission(running!.url, SIGNING_SECRET, {
        user: WANG,
        callbackId: 'rb_reject_reason',
        privateMetadata: 'esc-1',
        values: { reason: { reason: { type: 'plain_text_input', value: '  ' } } },
      });
      expect(empty.body).to.deep.include({ response_action: 'errors' });

      const res = await sendViewSubmission(running!.url, SIGNING_SECRET, {
        user: WANG,
        callbackId: 'rb_reject_reason',
        privateMetadata: 'esc-1',
        viewId: 'V0REJECT1',
        values: { reason: { reason: { type: 'plain_text_input', value: '照片显示包装已拆封使用过,不符合退货条件。' } } },
      });
      expect(res).to.deep.equal({ status: 200, body: '' });
      const decide = await actions.waitFor('decide');
      expect(decide.args).to.deep.equal(['esc-1', { id: WANG, name: '客服小王' }, { kind: 'reject', reason: '照片显示包装已拆封使用过,不符合退货条件。' }, 'slack:view:V0REJECT1']);
    });

    it('Reject by someone else does not open the modal', async () => {
      const ts = await opened();
      claimed();
      await click(LI, 'rb_reject', ts);
      await api.waitFor('chat.postEphemeral');
      expect(api.callsTo('views.open')).to.have.length(0);
    });

    it('Hand back and Close call the engine for the owner', async () => {
      const ts = await opened();
      claimed();
      await click(WANG, 'rb_hand_back', ts);
      const handBack = await actions.waitFor('handBack');
      expect(handBack.args.slice(0, 2)).to.deep.equal(['esc-1', { id: WANG, name: '客服小王' }]);
      await click(WANG, 'rb_close', ts);
      const closed = await actions.waitFor('close');
      expect(closed.args.slice(0, 2)).to.deep.equal(['esc-1', { id: WANG, name: '客服小王' }]);
      const told = await api.waitFor('chat.postEphemeral');
      expect(told.body.text).to.include('no longer with a person');
    });

    it("relays an agent's thread reply as plain text; private notes, bots and other threads are not relayed", async () => {
      const ts = await opened();
      claimed();
      const send = (user: string, text: string, extra: Record<string, unknown> = {}) =>
        sendEvent(running!.url, SIGNING_SECRET, { ...messageEvent({ channel: CHANNEL, user, text, threadTs: ts }), ...extra });

      expect((await send(WANG, '// 顾客是老客户,可以从宽处理')).status).to.equal(200);
      await send(WANG, 'note: check the courier record first');
      await send(WANG, '备注:别告诉顾客');
      await send(BOT_USER_ID, 'bot echo', { bot_id: BOT_ID });
      await send('U0OTHERBOT', 'another bot', { bot_id: 'B0OTHER', subtype: 'bot_message' });
      await send(WANG, 'edited', { subtype: 'message_changed' });
      await sendEvent(running!.url, SIGNING_SECRET, messageEvent({ channel: CHANNEL, user: WANG, text: 'top-level chat' }));
      await sendEvent(running!.url, SIGNING_SECRET, messageEvent({ channel: 'C0ELSEWHERE', user: WANG, text: 'other channel', threadTs: ts }));
      await send(WANG, '您好,我是客服小王 &amp; 已经看到照片 <https://shop.example/returns|退货说明>');

      const reply = await actions.waitFor('reply');
      await delay(50);
      expect(actions.callsTo('reply')).to.have.length(1);
      expect(reply.args.slice(0, 3)).to.deep.equal(['esc-1', { id: WANG, name: '客服小王' }, '您好,我是客服小王 & 已经看到照片 退货说明 (https://shop.example/returns)']);
      expect(reply.args[3]).to.match(/^slack:event:Ev/);
      expect(api.callsTo('auth.test')).to.have.length(0);
    });

    it('a retried event (X-Slack-Retry-Num) reaches the engine with the same actionId', async () => {
      const ts = await opened();
      claimed();
      const event = messageEvent({ channel: CHANNEL, user: WANG, text: '马上为您处理', threadTs: ts });
      await sendEvent(running!.url, SIGNING_SECRET, event, { eventId: 'Ev0RETRIED' });
      await sendEvent(running!.url, SIGNING_SECRET, event, { eventId: 'Ev0RETRIED', retryNum: 1, retryReason: 'http_timeout' });
      await actions.waitFor('reply');
      await delay(50);
      const ids = actions.callsTo('reply').map(c => c.args[3]);
      expect(ids).to.deep.equal(['slack:event:Ev0RETRIED', 'slack:event:Ev0RETRIED']);
      // The stand-in engine handled it once: one answer, no refusal shown.
      expect(api.callsTo('chat.postEphemeral')).to.have.length(0);
    });

    it('a reply from someone who does not hold the case is not relayed, and they are told', async () => {
      const ts = await opened();
      await sendEvent(running!.url, SIGNING_SECRET, messageEvent({ channel: CHANNEL, user: LI, text: 'hello', threadTs: ts }));
      const told = await api.waitFor('chat.postEphemeral');
      expect(told.body).to.include({ user: LI, thread_ts: ts });
      expect(told.body.text).to.equal('Your reply was *not* sent to the customer: Take over the case first.');
    });

    it('tells the agent that attached files stay in Slack', async () => {
      const ts = await opened();
      claimed();
      await sendEvent(running!.url, SIGNING_SECRET, { ...messageEvent({ channel: CHANNEL, user: WANG, text: 'see photo', threadTs: ts }), subtype: 'file_share', files: [{ id: 'F1' }] });
      await actions.waitFor('reply');
      const told = await api.waitFor('chat.postEphemeral');
      expect(told.body.text).to.include('not sent to the customer');
    });
  });

  describe('requests that are not from Slack', () => {
    beforeEach(async () => {
      running = await startDesk(api, actions);
    });

    it('answers 401 to a bad signature and calls nothing', async () => {
      const ts = await opened();
      claimed();
      const event = messageEvent({ channel: CHANNEL, user: WANG, text: 'forged', threadTs: ts });
      expect((await sendEvent(running!.url, SIGNING_SECRET, event, { badSignature: true })).status).to.equal(401);
      expect((await sendBlockAction(running!.url, SIGNING_SECRET, { user: WANG, channel: CHANNEL, messageTs: ts, actionId: 'rb_close', value: 'esc-1' }, { badSignature: true })).status).to.equal(401);
      await delay(30);
      expect(actions.callsTo('reply')).to.have.length(0);
      expect(actions.callsTo('close')).to.have.length(0);
    });

    it('answers 401 to a request older than 5 minutes', async () => {
      const ts = await opened();
      claimed();
      const event = messageEvent({ channel: CHANNEL, user: WANG, text: 'replayed', threadTs: ts });
      expect((await sendEvent(running!.url, SIGNING_SECRET, event, { stale: true })).status).to.equal(401);
      await delay(30);
      expect(actions.callsTo('reply')).to.have.length(0);
    });
  });

  it('listens on its own port when no express app is given, and asks auth.test once at start', async () => {
    running = await startDesk(api, actions, { ownPort: true });
    expect(api.callsTo('auth.test')).to.have.length(1);
    const ts = await opened();
    claimed();
    await sendEvent(running.url, SIGNING_SECRET, messageEvent({ channel: CHANNEL, user: WANG, text: 'via HTTPReceiver', threadTs: ts }));
    const reply = await actions.waitFor('reply');
    expect(reply.args[2]).to.equal('via HTTPReceiver');
    // The bot's own messages are skipped by Bolt with the ids it learnt at start.
    await sendEvent(running.url, SIGNING_SECRET, messageEvent({ channel: CHANNEL, user: BOT_USER_ID, text: 'own', threadTs: ts }));
    await delay(50);
    expect(actions.callsTo('reply')).to.have.length(1);
    expect(api.callsTo('auth.test')).to.have.length(1);
  });

  it('refuses to be built without a place to listen', () => {
    expect(() => new SlackDesk({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, channelId: CHANNEL, logger: createLogger('silent') })).to.throw(/app.*port/);
  });
});

interface RunningDesk {
  desk: SlackDesk;
  url: string;
  clock: { current: Date };
  stop(): Promise<void>;
}

/** The desk as bot/app.ts wires it: mounted on the bot's express app (or on its own port). */
async function startDesk(
  api: SlackApi,
  actions: RecordingActions,
  options: { ownPort?: boolean; retryConfig?: SlackDeskOptions['retryConfig'] } = {},
): Promise<RunningDesk> {
  const clock = { current: new Date('2026-11-20T02:30:00.000Z') };
  const common = {
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    channelId: CHANNEL,
    agents: { [WANG]: '客服小王' },
    apiUrl: api.url,
    retryConfig: options.retryConfig ?? { retries: 0 },
    windowDays: 7,
    clock: () => clock.current,
    logger: createLogger('silent'),
  };
  if (options.ownPort) {
    const desk = new SlackDesk({ ...common, port: 0, host: '127.0.0.1' });
    await desk.start(actions);
    return { desk, clock, url: `http://127.0.0.1:${desk.address!.port}/slack/events`, stop: () => desk.stop() };
  }
  const app = express();
  const server: Server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const desk = new SlackDesk({ ...common, app, botId: BOT_ID, botUserId: BOT_USER_ID });
  await desk.start(actions);
  return {
    desk,
    clock,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    async stop() {
      await desk.stop();
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

/** All the text of a message's blocks, for assertions on what the card says. */
function blockText(call: SlackApiCall): string {
  return JSON.stringify(call.body.blocks ?? [])
    .replace(/\\n/g, '\n')
    .replace(/\\"/g, '"');
}

function buttons(call: SlackApiCall): string[] {
  const blocks = (call.body.blocks ?? []) as types.KnownBlock[];
  return blocks.flatMap(b => (b.type === 'actions' ? b.elements.map(e => ('action_id' in e ? String(e.action_id) : '')) : []));
}
