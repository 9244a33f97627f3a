import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express, { Router } from 'express';
import { createLogger } from '../../bot/logger.js';
import { OperatorAccounts } from '../../bot/operations/accounts.js';
import { opsConsole } from '../../adapters/ops/ops-console.js';
import { SqliteAuditLog } from '../../data/sqlite/audit-log.js';
import { operatorsOnly, signedIn, type OpsSection } from '../../adapters/ops/section.js';
import { SqliteOperatorStore } from '../../data/sqlite/operator-store.js';
import { openTempStore, type TempStore } from '../data/fixtures.js';
import { TestClock } from '../support/test-bot.js';

/** A section as the crisis and rules parts build theirs: reads for everyone, changes for operators. */
function probeSection(): OpsSection {
  const router = Router();
  router.get('/', (_req, res) => res.json({ seenBy: signedIn(res) }));
  router.post('/change', operatorsOnly, (req, res) => res.json({ changedBy: signedIn(res).username, body: req.body }));
  router.get('/boom', () => {
    throw new Error('a bug in a section');
  });
  return { name: 'probe', router };
}

describe('operations console: sections behind the session', function () {
  this.timeout(20_000);
  let temp: TempStore;
  let server: Server;
  let base: string;
  const sections: OpsSection[] = [];

  before(async () => {
    temp = await openTempStore();
    const clock = new TestClock(new Date('2026-11-20T02:00:00Z'));
    const accounts = new OperatorAccounts({ store: new SqliteOperatorStore(temp.store.db), audit: new SqliteAuditLog(temp.store.db), clock: clock.now, sessionHours: 12, lockout: { attempts: 5, minutes: 15 }, insecurePasswordCostForTests: 4 });
    await accounts.setAccount('olivia', 'operator', 'olivia-operator-pass', 'test');
    await accounts.setAccount('victor', 'viewer', 'victor-viewer-pass', 'test');
    const app = express();
    app.use('/ops', opsConsole({ sections, accounts, cookie: { secure: false, sessionHours: 12 }, logger: createLogger('silent') }));
    // Added after mounting, as the parts of the console do in mountOperations().
    sections.push(probeSection());
    server = createServer(app);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise(resolve => server.close(resolve));
    await temp.dispose();
  });

  async function cookieOf(username: string): Promise<string> {
    const response = await fetch(`${base}/ops/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'returnbot-ops' },
      body: JSON.stringify({ username, password: `${username}-${username === 'olivia' ? 'operator' : 'viewer'}-pass` }),
    });
    return response.headers.getSetCookie()[0]!.split(';')[0]!;
  }
  const change = (cookie: string | undefined, headers: Record<string, string> = { 'x-requested-with': 'returnbot-ops' }) =>
    fetch(`${base}/ops/api/probe/change`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers }, body: '{"crisis":"open"}' });

  it('lets a viewer read a section but not change anything (403)', async () => {
    const cookie = await cookieOf('victor');
    expect(await (await fetch(`${base}/ops/api/probe`, { headers: { cookie } })).json()).to.deep.equal({ seenBy: { username: 'victor', role: 'viewer' } });
    const response = await change(cookie);
    expect(response.status).to.equal(403);
    expect((await response.json()).error.code).to.equal('forbidden');
  });

  it('lets an operator change, with the body parsed as JSON', async () => {
    const response = await change(await cookieOf('olivia'));
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ changedBy: 'olivia', body: { crisis: 'open' } });
  });

  it('refuses a change without the console header (403), even from an operator', async () => {
    const cookie = await cookieOf('olivia');
    for (const headers of [{}, { 'x-requested-with': 'XMLHttpRequest' }] as Record<string, string>[]) {
      const response = await change(cookie, headers);
      expect(response.status).to.equal(403);
      expect((await response.json()).error.code).to.equal('csrf');
    }
  });

  it('refuses the section without a session (401) before anything else', async () => {
    expect((await change(undefined)).status).to.equal(401);
    expect((await change(undefined, {})).status).to.equal(401);
    expect((await fetch(`${base}/ops/api/probe`)).status).to.equal(401);
  });

  it('answers a bad JSON body with 400 and a failing section with 500, both as JSON', async () => {
    const cookie = await cookieOf('olivia');
    const bad = await fetch(`${base}/ops/api/probe/change`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-requested-with': 'returnbot-ops' }, body: '{nope' });
    expect(bad.status).to.equal(400);
    expect((await bad.json()).error.code).to.equal('bad_request');
    const boom = await fetch(`${base}/ops/api/probe/boom`, { headers: { cookie } });
    expect(boom.status).to.equal(500);
    expect(await boom.json()).to.deep.equal({ error: { code: 'internal', message: 'something went wrong on our side; the log has the details' } });
  });
});
