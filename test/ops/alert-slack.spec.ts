import type { types } from '@slack/bolt';
import { expect } from 'chai';
import express from 'express';
import { alertMessage } from '../../adapters/slack/alert-message.js';
import { SlackAlertPoster } from '../../adapters/slack/alert-poster.js';
import { SlackDesk } from '../../adapters/slack/slack-desk.js';
import { AlertPublisher } from '../../bot/operations/alert-publisher.js';
import type { Alert } from '../../bot/operations/alert-store.js';
import { BAD_BATCH } from '../../data/demo/history.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { startSlackApi, type SlackApi, type SlackApiCall } from '../support/slack/fake-slack-api.js';
import { BOT_ID, BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET } from '../support/slack/workspace.js';
import { alertShop, DAY_MS, NOW, WARN, type AlertShop, type LogLine } from './alert-support.js';

const DESK_CHANNEL = 'C0RETURNS';
const OPS_CHANNEL = 'C0OPSALERTS';
const CONSOLE = 'https://shop.example/ops/';
const RETRY_MS = 60_000;

// The watch on the demo history, the alerts announced through the Slack desk's own Web API
// client to the local stand-in playing Slack.
describe('alerts in the operations Slack channel', () => {
  let api: SlackApi;
  let shop: AlertShop;
  let publisher: AlertPublisher;
  let publisherLines: LogLine[];

  beforeEach(async () => {
    api = await startSlackApi({ channels: { [DESK_CHANNEL]: { name: 'returns' }, [OPS_CHANNEL]: { name: 'ops' } } });
    shop = await alertShop();
    const desk = new SlackDesk({
      botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, channelId: DESK_CHANNEL, app: express(),
      apiUrl: api.url, botId: BOT_ID, botUserId: BOT_USER_ID, retryConfig: { retries: 0 }, logger: capturingLogger().logger,
    });
    const { logger, lines } = capturingLogger<LogLine>();
    publisherLines = lines;
    publisher = new AlertPublisher({
      alerts: shop.alerts,
      sink: new SlackAlertPoster({ client: desk.webClient, channelId: OPS_CHANNEL, consoleUrl: CONSOLE }),
      clock: shop.clock.now,
      logger,
      retryAfterMs: RETRY_MS,
    });
  });

  afterEach(async () => {
    await publisher.stop();
    await shop.dispose();
    await api.close();
  });

  const posted = () => api.callsTo('chat.postMessage').filter(c => c.ok);

  it('posts the raised alert once, to the ops channel, in English and Chinese: what, since when, observed against expected, a link', async () => {
    const { raised: [alert] } = await shop.watch.runOnce();
    await publisher.runOnce();
    shop.clock.current = new Date(NOW.getTime() + 3_600_000);
    await shop.watch.runOnce();
    await publisher.runOnce();

    expect(posted()).to.have.length(1);
    const [post] = posted();
    expect(post!.body.channel).to.equal(OPS_CHANNEL);
    const { since, observed, expected } = alert!.details;
    expect(post!.body.text).to.equal(`:warning: Return rate up: batch ${BAD_BATCH} · 退货率异常升高：批次 ${BAD_BATCH}`);
    expect(blockTexts(post!)).to.deep.equal([
      `*:warning: Return rate up: batch ${BAD_BATCH}*\nSince ${since}: ${observed} units returned over the last 7 days; its usual rate predicts ${expected.toFixed(1)}.`,
      `*退货率异常升高：批次 ${BAD_BATCH}*\n自 ${since} 起：近 7 天退货 ${observed} 件，按以往退货率预计约 ${expected.toFixed(1)} 件。`,
      `<${CONSOLE}#/dashboard?batch=${BAD_BATCH}|Open the dashboard · 打开看板>`,
    ]);
  });

  it('retries a 500 from Slack later and posts the alert once', async () => {
    api.failNext('chat.postMessage', { status: 500 });
    await shop.watch.runOnce();
    await publisher.runOnce();
    expect(api.callsTo('chat.postMessage').map(c => c.status)).to.deep.equal([500]);
    expect(publisherLines.filter(l => l.level === WARN).map(l => l.msg)).to.deep.equal(['alert could not be announced; will retry']);

    await publisher.runOnce(); // too soon: Slack gets its rest
    expect(api.callsTo('chat.postMessage')).to.have.length(1);

    shop.clock.current = new Date(NOW.getTime() + RETRY_MS + 1000);
    await publisher.runOnce();
    await publisher.runOnce();
    expect(api.callsTo('chat.postMessage').map(c => c.status)).to.deep.equal([500, 200]);
    expect(posted()[0]!.body.text).to.contain(`batch ${BAD_BATCH}`);
  });

  it('posts the clear once when the anomaly is gone', async () => {
    await shop.watch.runOnce();
    await publisher.runOnce();
    shop.clock.current = new Date(NOW.getTime() + 40 * DAY_MS);
    await shop.watch.runOnce();
    await publisher.runOnce();
    await publisher.runOnce();

    expect(posted().map(c => c.body.text)).to.deep.equal([
      `:warning: Return rate up: batch ${BAD_BATCH} · 退货率异常升高：批次 ${BAD_BATCH}`,
      `:white_check_mark: Back to normal: batch ${BAD_BATCH} · 已恢复正常：批次 ${BAD_BATCH}`,
    ]);
    expect(blockTexts(posted()[1]!)[0]).to.match(/^\*:white_check_mark: Back to normal: batch B-MIL-2611\*\nThe anomaly since 2026-11-\d\d is gone \(alert raised <!date\^\d+\^/);
  });

  it('an alert raised and cleared while Slack was down is posted once, as cleared', async () => {
    api.down();
    await shop.watch.runOnce();
    await publisher.runOnce();
    shop.clock.current = new Date(NOW.getTime() + 40 * DAY_MS);
    await shop.watch.runOnce();
    api.up();
    await publisher.runOnce();

    expect(posted().map(c => c.body.text)).to.deep.equal([`:white_check_mark: Back to normal: batch ${BAD_BATCH} · 已恢复正常：批次 ${BAD_BATCH}`]);
  });

  it('does not post alerts older than a day (Slack switched on long after they were raised)', async () => {
    await shop.watch.runOnce();
    shop.clock.current = new Date(NOW.getTime() + 2 * DAY_MS);
    await publisher.runOnce();

    expect(api.callsTo('chat.postMessage')).to.deep.equal([]);
    expect(shop.temp.store.db.prepare('SELECT published_at FROM alerts').pluck().get()).to.equal(shop.clock.current.toISOString());
  });

  it('is kicked by the watch when something was raised, so the post does not wait for its interval', async () => {
    await shop.dispose();
    shop = await alertShop({ changed: () => publisher.kick() });
    const announced: string[] = [];
    publisher = new AlertPublisher({
      alerts: shop.alerts,
      sink: { raised: async alert => void announced.push(alert.key), cleared: async () => undefined },
      clock: shop.clock.now,
      logger: capturingLogger().logger,
    });
    await shop.watch.runOnce();
    await publisher.stop(); // waits for the pass the kick started
    expect(announced).to.deep.equal([`batch:${BAD_BATCH}`]);
  });
});

describe('alertMessage', () => {
  it('says which step got slow, its median against its usual hours, and links to the dashboard unfiltered', () => {
    const alert: Alert = {
      id: 7, key: 'step:awaiting_person', kind: 'step', message: 'step awaiting_person: …', raisedAt: NOW.toISOString(), lastSeenAt: NOW.toISOString(), clearedAt: null,
      details: { subject: 'awaiting_person', since: '2026-11-17', windowDays: 7, observed: 30.25, expected: 6 },
    };
    const { text, blocks } = alertMessage(alert, 'raised', CONSOLE);
    expect(text).to.equal(':warning: Step taking much longer than usual: step awaiting_person · 环节耗时异常：环节 awaiting_person');
    expect(blocks.map(b => (b.type === 'section' ? b.text?.text : b.type === 'context' ? (b.elements[0] as { text: string }).text : ''))).to.deep.equal([
      '*:warning: Step taking much longer than usual: step awaiting_person*\nSince 2026-11-17: median 30.3 h in this step over the last 7 days, usually 6.0 h.',
      '*环节耗时异常：环节 awaiting_person*\n自 2026-11-17 起：近 7 天在此环节的中位时长 30.3 小时，平时 6.0 小时。',
      `<${CONSOLE}#/dashboard|Open the dashboard · 打开看板>`,
    ]);
  });
});

function blockTexts(call: SlackApiCall): string[] {
  return ((call.body.blocks ?? []) as types.KnownBlock[]).flatMap(block =>
    block.type === 'section' ? [block.text?.text ?? ''] : block.type === 'context' ? block.elements.map(e => ('text' in e ? e.text : '')) : []);
}
