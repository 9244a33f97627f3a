import { createServer } from 'node:net';
import { expect } from 'chai';
import { OPS_ACCOUNTS, opsHeaders, signIn, startOpsBot, type OpsBot } from '../support/ops-bot.js';

const CSRF = { 'x-requested-with': 'returnbot-ops' };

/** A port free a moment ago: the https test needs PUBLIC_URL to name the port before the start. */
function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('operations console: signing in and out', function () {
  this.timeout(60_000);
  let ops: OpsBot;
  beforeEach(async () => {
    ops = await startOpsBot();
  });
  afterEach(() => ops.close());

  const post = (body: unknown, headers: Record<string, string> = CSRF, base = ops.url) =>
    fetch(`${base}/ops/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const me = (cookie: string) => fetch(`${ops.url}/ops/api/me`, { headers: { cookie } }).then(response => response.status);
  const minutes = (n: number) => ops.clock.current = new Date(ops.clock.current.getTime() + n * 60_000);

  it('answers a right password with the operator and a session cookie: HttpOnly, SameSite=Strict, Path=/ops, for 12 hours', async () => {
    const response = await post({ username: 'olivia', password: OPS_ACCOUNTS.olivia.password });
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ operator: { username: 'olivia', role: 'operator' }, expiresAt: '2026-11-20T14:00:00.000Z' });
    const [cookie, ...others] = response.headers.getSetCookie();
    expect(others).to.deep.equal([]);
    const attributes = cookie!.split('; ');
    expect(attributes[0]).to.match(/^returnbot_ops=[A-Za-z0-9_-]{43}$/);
    expect(attributes.slice(1).sort()).to.deep.equal(['HttpOnly', 'Max-Age=43200', 'Path=/ops', 'SameSite=Strict']);
  });

  it('marks the cookie Secure when the public address is https', async () => {
    const port = await freePort();
    const secure = await startOpsBot({ env: { PORT: String(port), PUBLIC_URL: `https://127.0.0.1:${port}` } });
    try {
      const response = await post({ username: 'victor', password: OPS_ACCOUNTS.victor.password }, CSRF, `http://127.0.0.1:${port}`);
      expect(response.status).to.equal(200);
      expect(response.headers.getSetCookie()[0]!.split('; ')).to.include('Secure');
    } finally {
      await secure.close();
    }
  });

  it('answers 401 alike to a wrong password and an unknown user, and sets no cookie', async () => {
    const wrong = await post({ username: 'olivia', password: 'not her password' });
    const unknown = await post({ username: 'mallory', password: 'not her password' });
    for (const response of [wrong, unknown]) {
      expect(response.status).to.equal(401);
      expect(response.headers.getSetCookie()).to.deep.equal([]);
      expect(await response.json()).to.deep.equal({ error: { code: 'wrong_credentials', message: 'wrong username or password' } });
    }
  });

  it('stops an address after 20 failed sign-ins (429, Retry-After), even for another account\'s right password; successes never count', async () => {
    for (let n = 0; n < 5; n++) expect((await post({ username: 'olivia', password: OPS_ACCOUNTS.olivia.password })).status).to.equal(200);
    // Olivia's lock-out comes after 5; the address goes on failing (423 counts as a failure too).
    for (let n = 0; n < 20; n++) {
      const response = await post({ username: 'olivia', password: `guess ${n}` });
      expect(response.status, `attempt ${n + 1}`).to.be.oneOf([401, 423]);
    }
    const refused = await post({ username: 'victor', password: OPS_ACCOUNTS.victor.password });
    expect(refused.status).to.equal(429);
    expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 15 * 60);
    expect((await refused.json()).error).to.deep.include({ code: 'too_many_attempts' });
  });

  it('answers 400 to a body that is not {username, password}', async () => {
    for (const body of ['not json', '{"username":"olivia"}', '{"username":1,"password":"x"}', '[]', JSON.stringify({ username: 'olivia', password: 'x'.repeat(201) })]) {
      const response = await post(body);
      expect(response.status, body).to.equal(400);
      expect((await response.json()).error.code, body).to.equal('bad_request');
    }
  });

  it('refuses sign-in and sign-out without the console header (403), so another site cannot post them', async () => {
    const signInAttempt = await post({ username: 'olivia', password: OPS_ACCOUNTS.olivia.password }, {});
    expect(signInAttempt.status).to.equal(403);
    expect(signInAttempt.headers.getSetCookie()).to.deep.equal([]);
    expect((await signInAttempt.json()).error.code).to.equal('csrf');

    const cookie = await signIn(ops, 'olivia');
    const signOutAttempt = await fetch(`${ops.url}/ops/api/session`, { method: 'DELETE', headers: { cookie } });
    expect(signOutAttempt.status).to.equal(403);
    expect(await me(cookie)).to.equal(200);
  });

  it('locks the account after 5 wrong passwords, refuses the right one (423, until when), and lets it in once the 15 minutes pass', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) expect((await post({ username: 'olivia', password: `guess ${attempt}` })).status).to.equal(401);
    const fifth = await post({ username: 'olivia', password: 'guess 5' });
    expect(fifth.status).to.equal(423);
    expect(await fifth.json()).to.deep.equal({
      error: { code: 'locked', message: 'too many wrong passwords: this account is locked until 2026-11-20T02:15:00.000Z', lockedUntil: '2026-11-20T02:15:00.000Z' },
    });
    const right = { username: 'olivia', password: OPS_ACCOUNTS.olivia.password };
    expect((await post(right)).status).to.equal(423);
    minutes(14);
    const stillLocked = await post(right);
    expect(stillLocked.status).to.equal(423);
    expect(stillLocked.headers.getSetCookie()).to.deep.equal([]);
    minutes(1);
    expect((await post(right)).status).to.equal(200);
    // Others are not locked out with her.
    expect(await me(await signIn(ops, 'victor'))).to.equal(200);
  });

  it('reads the lock-out settings from the configuration', async () => {
    const strict = await startOpsBot({ env: { OPS_LOCKOUT_ATTEMPTS: '2', OPS_LOCKOUT_MINUTES: '60' } });
    try {
      const attempt = () => fetch(`${strict.url}/ops/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...CSRF }, body: JSON.stringify({ username: 'victor', password: 'nope' }) });
      expect((await attempt()).status).to.equal(401);
      const locked = await attempt();
      expect(locked.status).to.equal(423);
      expect((await locked.json()).error.lockedUntil).to.equal('2026-11-20T03:00:00.000Z');
    } finally {
      await strict.close();
    }
  });

  it('ends the session on sign-out: the cookie is cleared and the old token no longer opens anything', async () => {
    const cookie = await signIn(ops, 'olivia');
    expect(await me(cookie)).to.equal(200);
    const response = await fetch(`${ops.url}/ops/api/session`, { method: 'DELETE', headers: opsHeaders(cookie) });
    expect(response.status).to.equal(204);
    const cleared = response.headers.getSetCookie()[0]!.split('; ');
    expect(cleared[0]).to.equal('returnbot_ops=');
    expect(cleared).to.include('Max-Age=0').and.include('Path=/ops');
    expect(await me(cookie)).to.equal(401);
  });

  it('refuses a session once its 12 hours have passed on the bot clock', async () => {
    const cookie = await signIn(ops, 'victor');
    minutes(12 * 60 - 1);
    expect(await me(cookie)).to.equal(200);
    minutes(1);
    expect(await me(cookie)).to.equal(401);
  });

  it('makes sessions last as long as OPS_SESSION_HOURS says', async () => {
    const short = await startOpsBot({ env: { OPS_SESSION_HOURS: '1' } });
    try {
      const response = await fetch(`${short.url}/ops/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...CSRF }, body: JSON.stringify({ username: 'victor', password: OPS_ACCOUNTS.victor.password }) });
      expect(response.headers.getSetCookie()[0]).to.include('Max-Age=3600');
      const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
      short.clock.current = new Date(short.clock.current.getTime() + 3_600_000);
      expect((await fetch(`${short.url}/ops/api/me`, { headers: { cookie } })).status).to.equal(401);
    } finally {
      await short.close();
    }
  });
});
