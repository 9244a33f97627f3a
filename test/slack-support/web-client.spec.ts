import { LogLevel, webApi } from '@slack/bolt';
import { expect } from 'chai';
import { startSlackApi, UPLOAD, type SlackApi } from '../support/slack/fake-slack-api.js';
import { BOT_TOKEN, BOT_USER_ID } from '../support/slack/workspace.js';

// The real @slack/web-api client (the one Bolt hands to listeners) against the local stand-in.
describe('Slack Web API stand-in, called by the real WebClient', () => {
  let api: SlackApi;
  let client: webApi.WebClient;

  beforeEach(async () => {
    api = await startSlackApi({
      users: { U0AGENT01: { real_name: '王小明', display_name: '小明' } },
      channels: { C0RETURNS: { name: 'returns' } },
    });
    client = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: api.url,
      logLevel: LogLevel.ERROR,
      // Fast retries: the default policy retries for about 30 minutes.
      retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 },
    });
  });

  afterEach(() => api.close());

  it('answers auth.test as the bot', async () => {
    const me = await client.auth.test();
    expect(me).to.include({ ok: true, user_id: BOT_USER_ID });
    expect(api.calls[0]?.headers.authorization).to.equal(`Bearer ${BOT_TOKEN}`);
  });

  it('posts a message with increasing ts and updates it', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*退货* #123456' } }];
    const first = await client.chat.postMessage({ channel: 'C0RETURNS', text: '退货 #123456', blocks });
    const second = await client.chat.postMessage({ channel: 'C0RETURNS', text: 'b', thread_ts: first.ts });
    expect(first.ts).to.equal('1700000000.000100');
    expect(Number(second.ts)).to.be.greaterThan(Number(first.ts));
    expect(second.message?.thread_ts).to.equal(first.ts);
    // @slack/web-api sends blocks JSON-encoded inside a form; the record has them decoded.
    expect(api.callsTo('chat.postMessage')[0]?.body.blocks).to.deep.equal(blocks);

    const updated = await client.chat.update({ channel: 'C0RETURNS', ts: first.ts!, text: '已处理' });
    expect(updated).to.include({ ok: true, ts: first.ts, text: '已处理' });
  });

  it("refuses to update a message the bot didn't post", async () => {
    const attempt = client.chat.update({ channel: 'C0RETURNS', ts: '1.000000', text: 'x' });
    await expectSlackError(attempt, 'message_not_found');
  });

  it('posts an ephemeral message', async () => {
    const res = await client.chat.postEphemeral({ channel: 'C0RETURNS', user: 'U0AGENT01', text: '仅你可见' });
    expect(res.message_ts).to.match(/^\d{10}\.\d{6}$/);
  });

  it('opens a view and updates it by id', async () => {
    const view = {
      type: 'modal' as const,
      callback_id: 'refund_note',
      private_metadata: '{"case":"123456"}',
      title: { type: 'plain_text' as const, text: '退款' },
      blocks: [],
    };
    const opened = await client.views.open({ trigger_id: '123.456.abc', view });
    expect(opened.view).to.include({ callback_id: 'refund_note', private_metadata: '{"case":"123456"}' });
    const updated = await client.views.update({ view_id: opened.view!.id!, view: { ...view, callback_id: 'v2' } });
    expect(updated.view).to.include({ id: opened.view!.id, callback_id: 'v2' });
  });

  it('uploads a file with files.uploadV2 through the upload URL', async () => {
    const photo = Buffer.from('\x89PNG fake image bytes');
    const res = await client.files.uploadV2({
      channel_id: 'C0RETURNS',
      thread_ts: '1700000000.000100',
      file: photo,
      filename: 'mould.png',
      title: '发霉照片',
    });
    expect(api.calls.map((c) => c.method)).to.deep.equal([
      'files.getUploadURLExternal',
      UPLOAD,
      'files.completeUploadExternal',
    ]);
    const fileId = api.callsTo(UPLOAD)[0]?.body.file_id as string;
    expect(api.workspace.files.get(fileId)?.content).to.deep.equal(photo);
    expect(JSON.stringify(res)).to.include(fileId);

    const info = await client.files.info({ file: fileId });
    expect(info.file).to.include({ name: 'mould.png', title: '发霉照片', size: photo.length });
    expect(info.file?.channels).to.deep.equal(['C0RETURNS']);
  });

  it('reads users.info and conversations.info from its tables', async () => {
    const { user } = await client.users.info({ user: 'U0AGENT01' });
    expect(user?.profile).to.include({ real_name: '王小明', display_name: '小明' });
    const { channel } = await client.conversations.info({ channel: 'C0RETURNS' });
    expect(channel).to.include({ name: 'returns', is_channel: true });
    await expectSlackError(client.users.info({ user: 'U0NOBODY' }), 'user_not_found');
  });

  it('answers unknown methods and missing tokens the way Slack does', async () => {
    await expectSlackError(client.apiCall('reactions.add', { name: 'eyes' }), 'unknown_method');
    const anonymous = new webApi.WebClient(undefined, { slackApiUrl: api.url, logLevel: LogLevel.ERROR });
    await expectSlackError(anonymous.auth.test(), 'not_authed');
  });

  it('fails the next call with an injected Slack error, then works again', async () => {
    api.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expectSlackError(client.chat.postMessage({ channel: 'C0RETURNS', text: 'a' }), 'channel_not_found');
    const res = await client.chat.postMessage({ channel: 'C0RETURNS', text: 'b' });
    expect(res.ok).to.equal(true);
  });

  it('sends 429 with Retry-After; the client waits and retries', async () => {
    api.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const res = await client.chat.postMessage({ channel: 'C0RETURNS', text: 'after the limit' });
    expect(res.ok).to.equal(true);
    expect(Date.now() - started).to.be.at.least(1000);
    expect(api.callsTo('chat.postMessage').map((c) => c.status)).to.deep.equal([429, 200]);
  });

  it('sends 500; the client retries per retryConfig', async () => {
    api.failNext('chat.postMessage', { status: 500 }, 2);
    const res = await client.chat.postMessage({ channel: 'C0RETURNS', text: 'x' });
    expect(res.ok).to.equal(true);
    expect(api.callsTo('chat.postMessage').map((c) => c.status)).to.deep.equal([500, 500, 200]);
  });

  it('answers 503 to everything while down', async () => {
    api.down();
    const failed = await client.chat.postMessage({ channel: 'C0RETURNS', text: 'x' }).catch((e: unknown) => e);
    expect(failed).to.include({ code: 'slack_webapi_http_error', statusCode: 503 });
    expect(api.callsTo('chat.postMessage')).to.have.length(3); // the first try and 2 retries
    api.up();
    expect((await client.chat.postMessage({ channel: 'C0RETURNS', text: 'x' })).ok).to.equal(true);
  });

  it('waitFor resolves on a later ok call and times out naming what it saw', async () => {
    const waiting = api.waitFor('chat.postMessage', (c) => c.body.text === 'late');
    await client.chat.postMessage({ channel: 'C0RETURNS', text: 'early' });
    await client.chat.postMessage({ channel: 'C0RETURNS', text: 'late' });
    expect((await waiting).body.text).to.equal('late');
    const missing = await api.waitFor('views.open', undefined, 50).catch((e: Error) => e.message);
    expect(missing).to.match(/views\.open.*chat\.postMessage:200/);
  });
});

/** The Web API error @slack/web-api throws for `ok: false` answers. */
async function expectSlackError(call: Promise<unknown>, error: string): Promise<void> {
  const failure = await call.then(
    () => expect.fail(`expected Slack error ${error}`),
    (e: unknown) => e as { code?: string; data?: { error?: string } },
  );
  expect(failure.code).to.equal('slack_webapi_platform_error');
  expect(failure.data?.error).to.equal(error);
}
