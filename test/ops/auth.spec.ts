import { request } from 'node:http';
import { expect } from 'chai';
import { signIn, startOpsBot, type OpsBot } from '../support/ops-bot.js';

/** Every console path we know of (and some we don't), with the method that would use it. */
const GUARDED: [method: string, path: string][] = [
  ['GET', '/ops'],
  ['GET', '/ops/'],
  ['GET', '/ops/index.html'],
  ['GET', '/ops/app.js'],
  ['GET', '/ops/shell/api.js'],
  ['GET', '/ops/shell/charts.js'],
  ['GET', '/ops/shell/router.js'],
  ['GET', '/ops/views/dashboard.js'],
  ['GET', '/ops/views/cases.js'],
  ['GET', '/ops/views/case.js'],
  ['GET', '/ops/views/crises.js'],
  ['GET', '/ops/views/rules.js'],
  ['GET', '/ops/vendor/echarts.min.js'],
  ['GET', '/ops/page/public/index.html'],
  ['GET', '/ops/no-such-page'],
  ['GET', '/ops/api/me'],
  ['GET', '/ops/api/dashboard'],
  ['GET', '/ops/api/dashboard?from=2026-10-01&to=2026-11-20&batch=B-MIL-2611'],
  ['GET', '/ops/api/cases'],
  ['GET', '/ops/api/cases.csv'],
  ['GET', '/ops/api/cases/RB-20261120-0001'],
  ['GET', '/ops/api/crises'],
  ['POST', '/ops/api/crises'],
  ['POST', '/ops/api/crises/c1/close'],
  ['POST', '/ops/api/crises/c1/notify'],
  ['GET', '/ops/api/rules'],
  ['POST', '/ops/api/rules/dry-run'],
  ['POST', '/ops/api/rules/apply'],
  ['PUT', '/ops/api/rules'],
  ['GET', '/ops/api/alerts/open'],
  ['GET', '/ops/api/alerts?from=2026-11-01'],
  ['GET', '/ops/api/audit'],
  ['GET', '/ops/api/audit?type=crisis.opened'],
  ['GET', '/ops/api/crises/scopes'],
  ['GET', '/ops/api/crises/audience?kind=batch&value=B-MIL-2611'],
  ['GET', '/ops/api/rules/history'],
  ['GET', '/ops/api/rules/history/rules-2026-11-20T02-00-00.000Z.yaml'],
  ['GET', '/ops/api/cases/RB-20261120-0001/photos/0000000000000000000000000000000000000000000000000000000000000000'],
  ['DELETE', '/ops/api/alerts/1'],
  ['GET', '/ops/api/no-such-section'],
  ['PATCH', '/ops/api/anything/at/all'],
];

/** A GET with the path exactly as written: fetch() would tidy away the '..'. */
function rawGet(base: string, path: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(base), { path, headers: { cookie } }, response => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

const PUBLIC = ['/ops/login', '/ops/login.js', '/ops/lang.js', '/ops/style.css'];

describe('operations console: nothing answers without a session', function () {
  this.timeout(60_000);
  let ops: OpsBot;
  before(async () => {
    ops = await startOpsBot();
  });
  after(() => ops.close());

  const call = (method: string, path: string, headers: Record<string, string> = {}) =>
    fetch(`${ops.url}${path}`, {
      method,
      redirect: 'manual',
      headers: { 'x-requested-with': 'returnbot-ops', ...headers },
      ...(method === 'GET' ? {} : { body: '{}', headers: { 'content-type': 'application/json', 'x-requested-with': 'returnbot-ops', ...headers } }),
    });

  for (const [cookieName, cookie] of [['no cookie', undefined], ['a made-up session', 'returnbot_ops=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'], ['garbage', 'returnbot_ops=%E0%A4%A']] as const) {
    it(`refuses every page, asset and API call with ${cookieName}: 401 JSON to scripts`, async () => {
      for (const [method, path] of GUARDED) {
        const response = await call(method, path, cookie ? { cookie } : {});
        expect(response.status, `${method} ${path}`).to.equal(401);
        expect(await response.json(), `${method} ${path}`).to.deep.equal({ error: { code: 'unauthenticated', message: 'sign in at /ops/login first (or your session has ended)' } });
        expect(response.headers.get('content-security-policy'), `${method} ${path}`).to.include("default-src 'self'");
      }
    });
  }

  it('sends a browser opening a console page to the sign-in page (303); the API still answers 401', async () => {
    const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    for (const [method, path] of GUARDED) {
      const response = await call(method, path, html);
      const page = method === 'GET' && !path.startsWith('/ops/api/');
      expect(response.status, `${method} ${path}`).to.equal(page ? 303 : 401);
      if (page) expect(response.headers.get('location')).to.equal('/ops/login');
    }
  });

  it('serves the sign-in page, its scripts and the style sheet to anyone', async () => {
    for (const path of PUBLIC) {
      const response = await call('GET', path);
      expect(response.status, path).to.equal(200);
      expect(response.headers.get('x-content-type-options'), path).to.equal('nosniff');
    }
  });

  it('puts the security headers on every answer: scripts only from the console, no framing, no caching of the API', async () => {
    for (const path of ['/ops/login', '/ops/api/me', '/ops/']) {
      const response = await call('GET', path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).to.include("default-src 'self'").and.include("script-src 'self'").and.include("frame-ancestors 'none'");
      expect(csp, path).not.to.match(/script-src[^;]*unsafe-inline/);
      expect(response.headers.get('x-frame-options'), path).to.equal('DENY');
      expect(response.headers.get('x-content-type-options'), path).to.equal('nosniff');
    }
    expect((await call('GET', '/ops/api/me')).headers.get('cache-control')).to.equal('no-store');
  });

  it('the sign-in page runs no inline script', async () => {
    const html = await (await call('GET', '/ops/login')).text();
    expect(html.match(/<script\b[^>]*>/g)).to.deep.equal(['<script type="module" src="/ops/login.js">']);
  });

  describe('with a session', () => {
    let cookie: string;
    before(async () => {
      cookie = await signIn(ops, 'victor');
    });

    it('serves the shell, its scripts and ECharts from the package', async () => {
      for (const [path, type] of [['/ops/', 'text/html'], ['/ops/app.js', 'javascript'], ['/ops/shell/api.js', 'javascript'], ['/ops/shell/router.js', 'javascript'], ['/ops/shell/charts.js', 'javascript'], ['/ops/vendor/echarts.min.js', 'javascript']]) {
        const response = await fetch(`${ops.url}${path!}`, { headers: { cookie } });
        expect(response.status, path).to.equal(200);
        expect(response.headers.get('content-type'), path).to.include(type);
      }
      const echarts = await (await fetch(`${ops.url}/ops/vendor/echarts.min.js`, { headers: { cookie } })).text();
      expect(echarts.length).to.be.greaterThan(500_000);
    });

    it('refuses a viewer a change on a real section (applying rules): 403', async () => {
      const response = await fetch(`${ops.url}/ops/api/rules/apply`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-requested-with': 'returnbot-ops' },
        body: JSON.stringify({ text: 'anything' }),
      });
      expect(response.status).to.equal(403);
      expect((await response.json()).error.code).to.equal('forbidden');
    });

    it('says who is signed in', async () => {
      const response = await fetch(`${ops.url}/ops/api/me`, { headers: { cookie } });
      expect(await response.json()).to.deep.equal({ operator: { username: 'victor', role: 'viewer' } });
    });

    it('answers 404 JSON for an unknown API section or file, and serves nothing outside the public folder', async () => {
      for (const path of ['/ops/api/no-such-section', '/ops/api/me/more', '/ops/views/no-such-view.js', '/ops/views/', '/ops/views/../../ops-console.ts', '/ops/shell/%2e%2e/%2e%2e/ops-console.ts', '/ops/views/..%2f..%2fops-console.ts']) {
        const response = await rawGet(ops.url, path, cookie);
        expect(response.status, path).to.equal(404);
        expect(JSON.parse(response.body).error.code, path).to.equal('not_found');
      }
    });
  });
});
