import { setTimeout as delay } from 'node:timers/promises';
import { App, HTTPReceiver, LogLevel, type Logger } from '@slack/bolt';
import { expect } from 'chai';
import { startSlackApi, type SlackApi } from '../support/slack/fake-slack-api.js';
import {
  messageEvent,
  receiverUrl,
  sendBlockAction,
  sendEvent,
  sendSigned,
  sendViewSubmission,
} from '../support/slack/signed-requests.js';
import { BOT_ID, BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET } from '../support/slack/workspace.js';

// The real Bolt App behind a real HTTPReceiver, fed signed requests and talking to the stand-in:
// what the Slack agent console will sit on, and the facts about Bolt its design relies on.
describe('Bolt App on the Slack stand-ins', () => {
  let api: SlackApi;
  let bolt: StartedBolt | undefined;

  beforeEach(async () => {
    api = await startSlackApi();
  });

  afterEach(async () => {
    await bolt?.app.stop();
    bolt = undefined;
    await api.close();
  });

  it('delivers a signed message event; the handler replies through the stand-in', async () => {
    bolt = await startBolt(api);
    bolt.app.event('message', async ({ event, client }) => {
      if (event.subtype !== undefined) return;
      await client.chat.postMessage({ channel: event.channel, thread_ts: event.ts, text: `收到: ${event.text}` });
    });
    const event = messageEvent({ channel: 'C0RETURNS', user: 'U0AGENT01', text: '同意退款' });

    const res = await sendEvent(bolt.url, SIGNING_SECRET, event);

    expect(res).to.deep.equal({ status: 200, body: '' });
    const reply = await api.waitFor('chat.postMessage');
    expect(reply.body).to.include({ channel: 'C0RETURNS', thread_ts: event.ts, text: '收到: 同意退款' });
    expect(reply.headers.authorization).to.equal(`Bearer ${BOT_TOKEN}`);
  });

  it('calls auth.test before every event when botId/botUserId are not given', async () => {
    bolt = await startBolt(api);
    bolt.app.event('message', async () => {});
    await sendEvent(bolt.url, SIGNING_SECRET, messageEvent({ channel: 'C1', user: 'U1', text: 'a' }));
    await sendEvent(bolt.url, SIGNING_SECRET, messageEvent({ channel: 'C1', user: 'U1', text: 'b' }));
    // Before the ack, so a slow or failing Slack API delays or breaks the ack itself.
    expect(api.callsTo('auth.test')).to.have.length(2);
  });

  it('calls no auth.test when botId and botUserId are given', async () => {
    bolt = await startBolt(api, { knowsItsIds: true });
    bolt.app.event('message', async () => {});
    const res = await sendEvent(bolt.url, SIGNING_SECRET, messageEvent({ channel: 'C1', user: 'U1', text: 'a' }));
    expect(res.status).to.equal(200);
    expect(api.callsTo('auth.test')).to.have.length(0);
  });

  it('answers 401 to events while the Slack API is down (its auth.test fails)', async () => {
    bolt = await startBolt(api);
    let handled = false;
    bolt.app.event('message', async () => {
      handled = true;
    });
    api.down();
    const res = await sendEvent(bolt.url, SIGNING_SECRET, messageEvent({ channel: 'C1', user: 'U1', text: 'a' }));
    expect(res.status).to.equal(401);
    expect(handled).to.equal(false);
  });

  it('acks an event before the handler runs', async () => {
    bolt = await startBolt(api);
    let finishHandler = () => {};
    const handlerStarted = new Promise<void>((started) => {
      bolt!.app.event('message', async () => {
        started();
        await new Promise<void>((resolve) => (finishHandler = resolve));
      });
    });
    const res = await sendEvent(bolt.url, SIGNING_SECRET, messageEvent({ channel: 'C1', user: 'U1', text: 'a' }));
    expect(res.status).to.equal(200); // answered while the handler is still waiting
    await handlerStarted;
    finishHandler();
  });

  it('skips messages from its own bot user (ignoreSelf)', async () => {
    bolt = await startBolt(api, { knowsItsIds: true });
    const seen: string[] = [];
    bolt.app.event('message', async ({ event }) => {
      if (event.subtype === undefined) seen.push(event.text ?? '');
    });
    await sendEvent(bolt.url, SIGNING_SECRET, messageEvent({ channel: 'C1', user: BOT_USER_ID, text: 'own' }));
    await sendEvent(bolt.url, SIGNING_SECRET, messageEvent({ channel: 'C1', user: 'U1', text: 'agent' }));
    await delay(50); // handlers run after the ack
    expect(seen).to.deep.equal(['agent']);
  });

  it('passes X-Slack-Retry-Num and -Reason to the handler as context.retryNum/retryReason', async () => {
    bolt = await startBolt(api);
    const deliveries: { eventId: unknown; retryNum?: number; retryReason?: string }[] = [];
    bolt.app.event('message', async ({ body, context }) => {
      deliveries.push({ eventId: body.event_id, retryNum: context.retryNum, retryReason: context.retryReason });
    });
    const event = messageEvent({ channel: 'C1', user: 'U1', text: 'a' });
    await sendEvent(bolt.url, SIGNING_SECRET, event, { eventId: 'Ev0REPEAT' });
    await sendEvent(bolt.url, SIGNING_SECRET, event, { eventId: 'Ev0REPEAT', retryNum: 1, retryReason: 'http_timeout' });
    await delay(50);
    expect(deliveries).to.deep.equal([
      { eventId: 'Ev0REPEAT', retryNum: undefined, retryReason: undefined },
      { eventId: 'Ev0REPEAT', retryNum: 1, retryReason: 'http_timeout' },
    ]);
  });

  it('runs a block action handler; the HTTP answer waits for its ack', async () => {
    bolt = await startBolt(api);
    let clicked: unknown;
    bolt.app.action('approve_refund', async ({ ack, action, body }) => {
      clicked = { value: 'value' in action ? action.value : undefined, channel: body.channel?.id };
      await ack();
    });
    const res = await sendBlockAction(bolt.url, SIGNING_SECRET, {
      user: 'U0AGENT01',
      channel: 'C0RETURNS',
      messageTs: '1700000000.000100',
      actionId: 'approve_refund',
      value: 'case-123456',
    });
    expect(res).to.deep.equal({ status: 200, body: '' });
    expect(clicked).to.deep.equal({ value: 'case-123456', channel: 'C0RETURNS' });
  });

  it('answers 404 when no handler acks in time (default 3001 ms, shortened here)', async () => {
    bolt = await startBolt(api, { unhandledRequestTimeoutMillis: 200 });
    bolt.app.action('slow', async () => {});
    const action = { user: 'U1', channel: 'C1', messageTs: '1.000100', actionId: 'slow' };
    const res = await sendBlockAction(bolt.url, SIGNING_SECRET, action);
    expect(res.status).to.equal(404);
    expect(bolt.logged.join('\n')).to.include('not acknowledged within 3 seconds');
  });

  it('runs a view submission handler; its ack body becomes the HTTP answer', async () => {
    bolt = await startBolt(api);
    let submitted: unknown;
    bolt.app.view('refund_note', async ({ ack, view }) => {
      submitted = { metadata: view.private_metadata, note: view.state.values.note?.text?.value };
      await ack({ response_action: 'errors', errors: { note: '请填写原因' } });
    });
    const res = await sendViewSubmission(bolt.url, SIGNING_SECRET, {
      user: 'U0AGENT01',
      callbackId: 'refund_note',
      privateMetadata: '{"case":"123456"}',
      values: { note: { text: { type: 'plain_text_input', value: '发霉' } } },
    });
    expect(submitted).to.deep.equal({ metadata: '{"case":"123456"}', note: '发霉' });
    expect(res).to.deep.equal({
      status: 200,
      body: { response_action: 'errors', errors: { note: '请填写原因' } },
    });
  });

  it('answers 401 to a bad signature and never calls the handler or Slack', async () => {
    bolt = await startBolt(api);
    let handled = false;
    bolt.app.event('message', async () => {
      handled = true;
    });
    const event = messageEvent({ channel: 'C1', user: 'U1', text: 'forged' });
    const res = await sendEvent(bolt.url, SIGNING_SECRET, event, { badSignature: true });
    expect(res).to.deep.equal({ status: 401, body: '' });
    await delay(20);
    expect(handled).to.equal(false);
    expect(api.calls).to.have.length(0);
  });

  it('answers 401 to a timestamp older than 5 minutes, even when correctly signed', async () => {
    bolt = await startBolt(api);
    const event = messageEvent({ channel: 'C1', user: 'U1', text: 'replayed' });
    const res = await sendEvent(bolt.url, SIGNING_SECRET, event, { stale: true });
    expect(res.status).to.equal(401);
  });

  it('answers 400 to a form whose content type has a charset (Bolt compares it exactly)', async () => {
    bolt = await startBolt(api);
    const withCharset = 'application/x-www-form-urlencoded; charset=utf-8' as 'application/x-www-form-urlencoded';
    const res = await sendSigned(bolt.url, SIGNING_SECRET, withCharset, 'payload=%7B%7D');
    expect(res.status).to.equal(400);
  });
});

interface StartedBolt {
  app: App;
  url: string;
  /** What Bolt logged at warn and error level. */
  logged: string[];
}

/** A Bolt App as the console will build one, listening on a free port on 127.0.0.1. */
async function startBolt(
  api: SlackApi,
  options: { knowsItsIds?: boolean; unhandledRequestTimeoutMillis?: number } = {},
): Promise<StartedBolt> {
  const logged: string[] = [];
  const logger = recordingLogger(logged);
  const receiver = new HTTPReceiver({
    signingSecret: SIGNING_SECRET,
    logger,
    ...(options.unhandledRequestTimeoutMillis && {
      unhandledRequestTimeoutMillis: options.unhandledRequestTimeoutMillis,
    }),
  });
  const app = new App({
    token: BOT_TOKEN,
    receiver,
    logger,
    tokenVerificationEnabled: false,
    // No retries: the default policy would retry a down Slack API for about 30 minutes.
    clientOptions: { slackApiUrl: api.url, retryConfig: { retries: 0 } },
    ...(options.knowsItsIds && { botId: BOT_ID, botUserId: BOT_USER_ID }),
  });
  // Port 0 picks a free port; start() resolves with the listening server, which knows which.
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  return { app, url: receiverUrl(server), logged };
}

/** Keeps Bolt's warnings and errors for assertions instead of printing them. */
function recordingLogger(lines: string[]): Logger {
  const keep =
    (level: string) =>
    (...msg: unknown[]) => {
      lines.push(`${level} ${msg.map(String).join(' ')}`);
    };
  return {
    debug: () => {},
    info: () => {},
    warn: keep('warn'),
    error: keep('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
}
