import { connect } from 'node:net';
import { expect } from 'chai';
import type { Inbound, Outbound } from '../../bot/messages.js';
import { isCoded } from '../../bot/errors.js';
import { DirectLineClient, Stream } from './directline-client.js';
import { ScriptedHandler, startWebHarness, type WebHarness } from './harness.js';
import { solidPng } from './png.js';

const script = (inbound: Inbound): Outbound[] => {
  if (inbound.attachments.length > 0) return [{ text: `收到 ${inbound.attachments.length} 个文件` }];
  return [
    { text: `您说：${inbound.text}` },
    {
      text: '您希望怎么处理？',
      quickReplies: [
        { label: '退款', value: '退款' },
        { label: 'Exchange 换货', value: 'exchange' },
      ],
      card: { title: '工单 RB-1', fields: [{ label: '订单', value: '123456' }] },
    },
  ];
};

describe('web channel: embedded Direct Line and botbuilder', () => {
  let handler: ScriptedHandler;
  let web: WebHarness;

  beforeEach(async () => {
    handler = new ScriptedHandler(script);
    web = await startWebHarness(handler, { maxUploadBytes: 64 * 1024 });
  });
  afterEach(async () => {
    await web.stop();
    // Refusals are warnings; an error line would mean something of ours broke.
    expect(web.logs.filter(line => line.level === 'error')).to.deep.equal([]);
  });

  describe('sessions', () => {
    it('issues a token, and gives the same one back while it is valid', async () => {
      const first = await fetch(`${web.url}/webchat/session`, { method: 'POST' }).then(r => r.json());
      expect(first).to.include({ resumed: false });
      expect(first.userId).to.match(/^web-/);
      const again = await fetch(`${web.url}/webchat/session`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${first.token}` },
      }).then(r => r.json());
      expect(again).to.deep.equal({ ...first, resumed: true });
    });

    it('refuses Direct Line calls without a token (401) or with a forged one (403)', async () => {
      const none = await fetch(`${web.url}/v3/directline/conversations`, { method: 'POST' });
      expect(none.status).to.equal(401);
      const client = await DirectLineClient.open(web.url);
      const forged = `${client.userId}.${'A'.repeat(43)}`;
      const withForged = await fetch(`${web.url}/v3/directline/conversations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${forged}` },
      });
      expect(withForged.status).to.equal(403);
      const forgedSession = await fetch(`${web.url}/webchat/session`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${forged}` },
      }).then(r => r.json());
      expect(forgedSession.resumed).to.equal(false);
      expect(forgedSession.userId).not.to.equal(client.userId);
    });

    it("does not let one customer read or write another's conversation", async () => {
      const alice = await DirectLineClient.open(web.url);
      const mallory = await DirectLineClient.open(web.url);
      const asMallory = { Authorization: `Bearer ${mallory.token}`, 'Content-Type': 'application/json' };
      const base = `${web.url}/v3/directline/conversations/${alice.conversationId}`;
      expect((await fetch(`${base}/activities`, { headers: asMallory })).status).to.equal(403);
      expect((await fetch(base, { headers: asMallory })).status).to.equal(403);
      const post = await fetch(`${base}/activities`, { method: 'POST', headers: asMallory, body: '{"type":"message","text":"hi"}' });
      expect(post.status).to.equal(403);
      const unknown = await fetch(`${web.url}/v3/directline/conversations/not-ours/activities`, { headers: asMallory });
      expect(unknown.status).to.equal(404);
      expect(handler.inbounds).to.be.empty;
    });

    it('resumes the same conversation for the same token, also after a restart', async () => {
      const client = await DirectLineClient.open(web.url);
      await web.stop();
      web = await startWebHarness(handler);
      const resumed = await DirectLineClient.open(web.url, client.token);
      expect(resumed.userId).to.equal(client.userId);
      expect(resumed.conversationId).to.equal(client.conversationId);
    });
  });

  describe('messages', () => {
    it('carries a message to the handler and the replies back, with watermarks', async () => {
      const client = await DirectLineClient.open(web.url);
      const id = await client.say('你好');

      const [inbound] = await handler.waitForInbounds(1);
      expect(inbound).to.deep.equal({ channel: 'web', userId: client.userId, messageId: id, text: '你好', attachments: [] });

      const first = await client.waitForActivities(3);
      const [echo, said, asked] = first.activities;
      expect(echo).to.deep.include({ id, text: '你好' });
      expect(echo?.from).to.deep.include({ id: client.userId, role: 'user' });
      expect(said).to.deep.include({ text: '您说：你好', replyToId: id });
      expect(said?.from?.role).to.equal('bot');
      expect(asked?.suggestedActions?.actions).to.deep.equal([
        { type: 'imBack', title: '退款', value: '退款' },
        { type: 'messageBack', title: 'Exchange 换货', text: 'exchange', displayText: 'Exchange 换货' },
      ]);
      const card = asked?.attachments?.[0];
      expect(card?.contentType).to.equal('application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(card?.content)).to.include('"FactSet"').and.include('123456');
      expect(JSON.stringify(first)).not.to.include('serviceUrl');
      expect(handler.deliveredIds).to.deep.equal([1, 2]);

      expect((await client.activities(first.watermark)).activities).to.be.empty;
      await client.say('second');
      const next = await client.waitForActivities(3, first.watermark);
      expect(next.activities.map(activity => activity.text)).to.deep.equal(['second', '您说：second', '您希望怎么处理？']);
    });

    it('takes the sender from the token, never from the activity', async () => {
      const client = await DirectLineClient.open(web.url);
      await client.post({ type: 'message', text: 'hi', from: { id: 'web-AAAAAAAAAAAAAAAAAAAAAA' } });
      const [inbound] = await handler.waitForInbounds(1);
      expect(inbound?.userId).to.equal(client.userId);
    });

    it('pushes the echo and the replies to the WebSocket stream', async () => {
      const client = await DirectLineClient.open(web.url);
      const stream = await Stream.open(client.streamUrl);
      const id = await client.say('over the socket');
      await stream.waitFor(activity => activity.id === id);
      await stream.waitFor(activity => activity.text === '您说：over the socket');
      stream.close();
    });

    it('resumes a dropped stream after its watermark, as directlinejs reconnects', async () => {
      const client = await DirectLineClient.open(web.url);
      await client.say('before the drop');
      const { watermark } = await client.waitForActivities(3);
      await client.say('while away');
      await client.waitForActivities(3, watermark);

      const reconnect = await fetch(`${client.base}/conversations/${client.conversationId}?watermark=${watermark}`, { headers: client.headers });
      const { streamUrl } = (await reconnect.json()) as { streamUrl: string };
      const stream = await Stream.open(streamUrl);
      await stream.waitFor(activity => activity.text === '您希望怎么处理？');
      expect(stream.activities.map(activity => activity.text)).to.deep.equal(['while away', '您说：while away', '您希望怎么处理？']);
      stream.close();

      const refreshed = await fetch(`${client.base}/tokens/refresh`, { method: 'POST', headers: client.headers });
      expect(((await refreshed.json()) as { token: string }).token).to.equal(client.token);
    });

    it('refuses a stream URL with a forged ticket', async () => {
      const client = await DirectLineClient.open(web.url);
      const forged = client.streamUrl.replace(/t=[^&]+/, 't=zzzz.AAAA');
      const error = await Stream.open(forged).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).to.match(/403/);
    });

    it('gives an activity posted twice the same id, so the engine can drop the repeat', async () => {
      const client = await DirectLineClient.open(web.url);
      const first = await client.say('只说一次', 'same-client-id');
      const second = await client.say('只说一次', 'same-client-id');
      expect(second).to.equal(first);
      const inbounds = await handler.waitForInbounds(2);
      expect(inbounds.map(inbound => inbound.messageId)).to.deep.equal([first, first]);
      const echoes = (await client.activities()).activities.filter(activity => activity.id === first);
      expect(echoes).to.have.length(1);
    });

    it('delivers proactive messages to the stream and to polling', async () => {
      const client = await DirectLineClient.open(web.url);
      await client.say('hi');
      await handler.waitForInbounds(1);
      const stream = await Stream.open(client.streamUrl);
      await web.channel.deliver(client.userId, [{ outboxId: 9, message: { text: '您的退款已到账' } }]);
      await stream.waitFor(activity => activity.text === '您的退款已到账');
      expect((await client.activities()).activities.map(activity => activity.text)).to.include('您的退款已到账');
      stream.close();
    });

    it('reaches a customer who has not written since a restart', async () => {
      const client = await DirectLineClient.open(web.url);
      await web.stop();
      web = await startWebHarness(handler);
      await web.channel.deliver(client.userId, [{ outboxId: 1, message: { text: '工单已更新' } }]);
      const resumed = await DirectLineClient.open(web.url, client.token);
      expect((await resumed.activities()).activities.map(activity => activity.text)).to.deep.equal(['工单已更新']);
    });

    it('throws when a user cannot be reached, so the outbox keeps the message', async () => {
      const error = await web.channel.deliver('29:teams-user', [{ outboxId: 1, message: { text: 'x' } }]).catch((e: unknown) => e);
      expect(isCoded(error, 'channel_unavailable')).to.equal(true);
    });
  });

  describe('uploads', () => {
    it('hands an uploaded image to the handler as bytes, with its name', async () => {
      const client = await DirectLineClient.open(web.url);
      const png = solidPng(8, 8, [240, 120, 0]);
      const response = await client.upload([{ name: '发霉的小米.png', type: 'image/png', data: png }], '看图');
      expect(response.status).to.equal(200);

      const [inbound] = await handler.waitForInbounds(1);
      expect(inbound?.text).to.equal('看图');
      expect(inbound?.attachments).to.have.length(1);
      const [attachment] = inbound!.attachments;
      expect(attachment).to.deep.include({ kind: 'image', name: '发霉的小米.png', declaredType: 'image/png' });
      expect(attachment?.data?.equals(png)).to.equal(true);

      const set = await client.waitForActivities(2);
      const contentUrl = set.activities[0]?.attachments?.[0]?.contentUrl ?? '';
      expect(contentUrl).to.match(new RegExp(`^${web.url}/webchat/files/[A-Za-z0-9_-]{32}$`));
      const served = await fetch(contentUrl);
      expect(served.headers.get('content-type')).to.equal('image/png');
      expect((await fetch(`${web.url}/webchat/files/guessed`)).status).to.equal(404);
    });

    it('serves only raster images inline, and passes non-images as kind "file"', async () => {
      const client = await DirectLineClient.open(web.url);
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      await client.upload([{ name: 'x.svg', type: 'image/svg+xml', data: svg }]);
      const [inbound] = await handler.waitForInbounds(1);
      expect(inbound?.attachments[0]).to.deep.include({ kind: 'image', declaredType: 'image/svg+xml' });
      const set = await client.waitForActivities(1);
      const served = await fetch(set.activities[0]?.attachments?.[0]?.contentUrl ?? '');
      expect(served.headers.get('content-type')).to.equal('application/octet-stream');
      expect(served.headers.get('content-disposition')).to.equal('attachment');

      await client.upload([{ name: 'receipt.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4') }]);
      const inbounds = await handler.waitForInbounds(2);
      expect(inbounds[1]?.attachments[0]).to.deep.include({ kind: 'file', name: 'receipt.pdf' });
    });

    it('refuses an oversized file with 413 and calls no turn', async () => {
      const client = await DirectLineClient.open(web.url);
      const justOver = await client.upload([{ name: 'big.png', type: 'image/png', data: Buffer.alloc(64 * 1024 + 1) }]);
      expect(justOver.status).to.equal(413);
      const hopeless = await client.upload([{ name: 'huge.png', type: 'image/png', data: Buffer.alloc(2 * 1024 * 1024) }]);
      expect(hopeless.status).to.equal(413);
      const manySmall = Array.from({ length: 6 }, (_, i) => ({ name: `${i}.png`, type: 'image/png', data: solidPng(1, 1, [0, 0, 0]) }));
      expect((await client.upload(manySmall)).status).to.equal(413);
      await new Promise(resolve => setTimeout(resolve, 100));
      expect(handler.inbounds).to.be.empty;
    });
  });

  describe('stopping', () => {
    it('does not wait for a page that never answers the close handshake', async () => {
      const client = await DirectLineClient.open(web.url);
      const { hostname, port, pathname, search } = new URL(client.streamUrl);
      const silent = connect(Number(port), hostname);
      silent.write(
        `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
      const handshake = await new Promise<string>(resolve => silent.once('data', data => resolve(String(data))));
      expect(handshake).to.match(/^HTTP\/1.1 101/);
      silent.pause();

      const started = Date.now();
      await web.stop();
      expect(Date.now() - started).to.be.below(3000);
      silent.destroy();
    });
  });

  describe('hostile requests', () => {
    it('answers bad JSON with 400 and oversized JSON with 413, logging one line each', async () => {
      const client = await DirectLineClient.open(web.url);
      const badJson = await fetch(`${client.base}/conversations/${client.conversationId}/activities`, {
        method: 'POST',
        headers: client.headers,
        body: '{"type":',
      });
      expect(badJson.status).to.equal(400);
      expect((await client.post([1, 2])).status).to.equal(400);
      expect((await client.post({ type: 'message', text: 'x'.repeat(70 * 1024) })).status).to.equal(413);
      expect((await client.post({ type: 'message', text: 'x'.repeat(5000) })).status).to.equal(400);
      expect((await client.post({ type: 'message', text: 42 })).status).to.equal(400);
      const refusals = web.logs.filter(line => line.message === 'web request refused');
      expect(refusals.map(line => line.fields.status)).to.deep.equal([400, 400, 413, 400, 400]);
      expect(handler.inbounds).to.be.empty;
    });

    it('lets nobody but our Direct Line talk to /api/messages when no Azure app id is set', async () => {
      const response = await fetch(`${web.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hi', serviceUrl: 'http://evil.example', from: { id: 'web-x' } }),
      });
      expect(response.status).to.equal(401);
      expect(handler.inbounds).to.be.empty;
    });

    it('hides the connector behind its key', async () => {
      const client = await DirectLineClient.open(web.url);
      const response = await fetch(`${web.url}/webchat/connector/guess/v3/conversations/${client.conversationId}/activities`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'fake bot message' }),
      });
      expect(response.status).to.equal(404);
      expect((await client.activities()).activities).to.be.empty;
    });
  });
});

describe('web channel with an Azure app id', () => {
  let handler: ScriptedHandler;
  let web: WebHarness;

  beforeEach(async () => {
    handler = new ScriptedHandler(script);
    web = await startWebHarness(handler, { microsoftAppId: '00000000-0000-0000-0000-000000000001', microsoftAppPassword: 'not-a-real-secret' });
  });
  afterEach(async () => web.stop());

  it('still serves its own Direct Line without Azure', async () => {
    const client = await DirectLineClient.open(web.url);
    await client.say('hello');
    const [inbound] = await handler.waitForInbounds(1);
    expect(inbound?.userId).to.equal(client.userId);
    await client.waitForActivities(3);
  });

  it('requires a Bot Framework token from everyone else', async () => {
    const activity = { type: 'message', id: 'a1', text: 'hi', channelId: 'directline', serviceUrl: 'https://example.invalid', from: { id: 'x' }, conversation: { id: 'c' } };
    const post = (headers: Record<string, string>) =>
      fetch(`${web.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(activity) });
    expect((await post({})).status).to.equal(401);
    // botbuilder itself prints refused tokens with console.error; keep the test output clean.
    const consoleError = console.error;
    console.error = () => {};
    try {
      expect((await post({ Authorization: 'Bearer not-a-jwt' })).status).to.equal(401);
    } finally {
      console.error = consoleError;
    }
    expect(handler.inbounds).to.be.empty;
  });
});
