import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import { startReturnbot, type RunningBot } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { conversationId } from '../../bot/conversation-id.js';
import { createLogger } from '../../bot/logger.js';
import { defaultRulesPath } from '../../bot/rules-file.js';
import { DirectLineClient, Stream } from './directline-client.js';

const SECRET = 'restart-history-test-secret-0123456789';

/** What Web Chat shows of an activity; ids and timestamps are the emulator's own. */
const shown = (activity: Partial<Activity>) => ({
  from: activity.from?.role,
  text: activity.text,
  suggestedActions: activity.suggestedActions,
  attachments: activity.attachments,
});

describe('web channel: the conversation survives a restart', function () {
  this.timeout(60_000);
  let dataDir: string;
  let bot: RunningBot | undefined;

  const start = async () =>
    startReturnbot(
      loadConfig({ PORT: '0', DATA_DIR: dataDir, RULES_FILE: defaultRulesPath, LOG_LEVEL: 'silent', WEB_SESSION_SECRET: SECRET }, 'test settings'),
      { logger: createLogger('silent') },
    );

  /** A message no customer asked for, stored and pushed as an agent's reply is. */
  const proactive = (running: RunningBot, userId: string, text: string) =>
    running.engine.act(
      { conversationId: conversationId('web', userId), channel: 'web', userId },
      undefined,
      async ({ replies }) => {
        replies.sayText(text, { quickReplies: [{ label: '好的', value: '好的' }] });
        return { changes: {}, result: undefined };
      },
      undefined,
    );

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'returnbot-restart-'));
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the earlier messages and what arrived while the page was closed, once each', async () => {
    bot = await start();
    const client = await DirectLineClient.open(bot.url);
    const stream = await Stream.open(client.streamUrl);
    await client.say('我昨天收到的小米有发霉的,订单号是123456');
    await stream.waitFor(activity => activity.from?.role === 'bot');
    stream.close();

    // The page is closed: the message waits in memory, and the store has it.
    await proactive(bot, client.userId, '客服:我们已收到您的照片');
    const before = await client.activities();
    const waiting = before.activities.at(-1)!;
    expect(waiting).to.deep.include({ text: '客服:我们已收到您的照片' });
    expect(waiting.suggestedActions?.actions).to.have.length(1);

    await bot.stop();
    bot = await start();

    // Stored and pushed while nobody looks: the first page after the restart gets it once.
    await proactive(bot, client.userId, '客服:退款已经处理');

    const again = await DirectLineClient.open(bot.url, client.token);
    expect(again.userId).to.equal(client.userId);
    expect(again.conversationId).to.equal(client.conversationId);
    const after = await again.activities();
    expect(after.activities.map(shown)).to.deep.equal([
      ...before.activities.map(shown),
      { ...shown(waiting), text: '客服:退款已经处理' },
    ]);
    const ids = after.activities.map(activity => activity.id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect((await again.activities(after.watermark)).activities).to.deep.equal([]);

    // The stream replays the same activities, with the same ids, and goes on live.
    const reopened = await Stream.open(again.streamUrl);
    await reopened.waitFor(activity => activity.text === '客服:退款已经处理');
    expect(reopened.activities.map(activity => activity.id)).to.deep.equal(ids);
    await again.say('谢谢');
    await reopened.waitFor(activity => activity.text === '谢谢');
    const latest = await again.activities(after.watermark);
    expect(latest.activities.map(activity => activity.text)).to.include('谢谢');
    expect(latest.activities.filter(activity => ids.includes(activity.id))).to.deep.equal([]);
    reopened.close();

    // A page that stayed open across the restart already shows the history: not replayed to it.
    const stale = await again.activities(before.watermark);
    expect(stale.activities.map(activity => activity.text)).to.not.include('客服:我们已收到您的照片');
  });
});
