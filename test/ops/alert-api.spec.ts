import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import { BAD_BATCH } from '../../data/demo/history.js';
import { opsHeaders, signIn, startOpsBot, type OpsBot } from '../support/ops-bot.js';

// The whole bot with the demo history, without Slack: the watch runs at start, the console reads.
describe('GET /ops/api/alerts', () => {
  let ops: OpsBot;
  let cookie: string;

  before(async () => {
    ops = await startOpsBot();
    cookie = await signIn(ops, 'victor');
  });

  after(async () => {
    await ops.close();
  });

  const get = (path: string, headers = opsHeaders(cookie)) => fetch(`${ops.url}/ops/api/${path}`, { headers });

  /** The open alerts once there is one: the watch's first run starts with the bot and finishes on its own time. */
  async function openAlerts(): Promise<{ alerts: Record<string, unknown>[]; zone: string }> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const body = (await (await get('alerts/open')).json()) as { alerts: Record<string, unknown>[]; zone: string };
      if (body.alerts.length > 0) return body;
      if (Date.now() > deadline) throw new Error('no open alert 5 s after the start: the watch\'s first run raised nothing');
      await delay(20);
    }
  }

  it('lists the bad batch as the one open alert after start, for a viewer too', async () => {
    const { alerts, zone } = await openAlerts();
    expect(zone).to.equal('Asia/Shanghai');
    expect(alerts.map(a => [a['key'], a['kind']])).to.deep.equal([[`batch:${BAD_BATCH}`, 'batch']]);
    expect(Object.keys(alerts[0]!).sort()).to.deep.equal(['details', 'id', 'key', 'kind', 'message', 'raisedAt']);
    expect(alerts[0]!['raisedAt']).to.equal(ops.clock.current.toISOString());
    expect(alerts[0]!['details']).to.include({ subject: BAD_BATCH, windowDays: 7 });
  });

  it('gives the history of a period, shop days inclusive, with when each alert cleared', async () => {
    await openAlerts();
    const response = await get('alerts?from=2026-11-01&to=2026-11-20');
    expect(response.status).to.equal(200);
    const body = (await response.json()) as { from: string; to: string; alerts: Record<string, unknown>[] };
    expect([body.from, body.to]).to.deep.equal(['2026-10-31T16:00:00.000Z', '2026-11-20T16:00:00.000Z']);
    expect(body.alerts.map(a => [a['key'], a['clearedAt']])).to.deep.equal([[`batch:${BAD_BATCH}`, null]]);
    const before = (await (await get('alerts?from=2026-10-01&to=2026-10-31')).json()) as { alerts: unknown[] };
    expect(before.alerts).to.deep.equal([]);
  });

  it('refuses a bad period with the field and the reason', async () => {
    const response = await get('alerts?from=yesterday');
    expect(response.status).to.equal(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).to.equal('bad_request');
    expect(error.message).to.match(/^from: must be a date \(YYYY-MM-DD/);
    expect((await get('alerts?from=2026-11-20&to=2026-11-01')).status).to.equal(400);
  });

  it('answers nothing without a session', async () => {
    expect((await get('alerts/open', {})).status).to.equal(401);
  });

  it('announces nothing without Slack: the alert stays unclaimed', async () => {
    await openAlerts();
    const row = ops.bot.store.db.prepare('SELECT claimed_at, published_at FROM alerts').get();
    expect(row).to.deep.equal({ claimed_at: null, published_at: null });
  });
});
