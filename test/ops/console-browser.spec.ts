import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { OPS_ACCOUNTS, type OpsBot } from '../support/ops-bot.js';
import { openConsolePage, type ConsolePage } from '../support/ops-page.js';

describe('operations console in Chromium: signing in, the shell, signing out', function () {
  this.timeout(60_000);
  /** Afresh for each test (openConsolePage); `problems`: uncaught errors and anything the Content-Security-Policy blocked. */
  let ops: OpsBot, context: BrowserContext, page: Page, problems: string[], test: ConsolePage['test'], close: ConsolePage['close'];

  beforeEach(async () => ({ ops, context, page, problems, test, close } = await openConsolePage()));
  afterEach(() => close());

  /** Signs in through the sign-in form, as a person does (openConsolePage's signInAs sets the cookie instead). */
  async function signInAs(username: keyof typeof OPS_ACCOUNTS, password: string = OPS_ACCOUNTS[username].password) {
    await test('login-username').fill(username);
    await test('login-password').fill(password);
    await test('login-submit').click();
  }

  it('sends a visitor to the sign-in page, lets olivia in, shows her name and role, and signs her out', async () => {
    // Without an alerts section the banner stays hidden.
    await page.route('**/ops/api/alerts/open', route => route.fulfill({ status: 404, json: { error: { code: 'not_found', message: 'none' } } }));
    await page.goto(`${ops.url}/ops/`);
    expect(new URL(page.url()).pathname).to.equal('/ops/login');

    await signInAs('olivia', 'not the password');
    await test('login-error').getByText('Wrong username or password.').waitFor();

    await signInAs('olivia');
    await test('operator-name').getByText('olivia').waitFor();
    expect(await test('operator-role').textContent()).to.equal('operator');
    await page.waitForURL(/\/ops\/#\/dashboard$/);
    expect(await test('alerts').isHidden()).to.equal(true);
    expect(await page.locator('.nav a.active').textContent()).to.equal('Dashboard');
    const cookies = await context.cookies();
    expect(cookies.map(({ name, httpOnly, sameSite, path }) => ({ name, httpOnly, sameSite, path }))).to.deep.equal([
      { name: 'returnbot_ops', httpOnly: true, sameSite: 'Strict', path: '/ops' },
    ]);
    expect(await page.evaluate(() => document.cookie)).to.equal('');

    await test('sign-out').click();
    await page.waitForURL(/\/ops\/login$/);
    await page.goto(`${ops.url}/ops/#/cases`);
    expect(new URL(page.url()).pathname).to.equal('/ops/login');
    expect(problems).to.deep.equal([]);
  });

  it('switches to Chinese and keeps the choice; lists open alerts; an unknown page says politely it is not available; charts draw under the CSP', async () => {
    await page.route('**/ops/api/alerts/open', route => route.fulfill({
      json: { alerts: [{ id: 1, key: 'batch:B-MIL-2611', kind: 'return_rate', message: 'B-MIL-2611: 9 of 80 units returned', raisedAt: '2026-11-20T01:00:00.000Z' }] },
    }));
    await page.goto(`${ops.url}/ops/login`);
    await signInAs('victor');
    await test('operator-name').getByText('victor').waitFor();
    expect(await test('operator-role').textContent()).to.equal('viewer');
    await test('alerts').getByText('B-MIL-2611: 9 of 80 units returned').waitFor();
    expect(await test('alert').getAttribute('data-key')).to.equal('batch:B-MIL-2611');

    await test('lang-toggle').click();
    await test('nav-dashboard').getByText('概览').waitFor();
    await page.reload();
    await test('nav-dashboard').getByText('概览').waitFor();
    expect(await test('operator-role').textContent()).to.equal('只读');

    await page.goto(`${ops.url}/ops/#/no-such-page`);
    await test('view-unavailable').getByText('该功能暂不可用。').waitFor();

    const canvases = await page.evaluate(async () => {
      const { chart } = await import('/ops/shell/charts.js' as string);
      const element = document.createElement('div');
      element.className = 'chart';
      document.querySelector('[data-test="view"]')!.append(element);
      chart(element, { xAxis: { type: 'category', data: ['B-MIL-2611', 'B-RB-2610'] }, yAxis: {}, series: [{ type: 'bar', data: [12, 3] }] });
      return element.querySelectorAll('canvas').length;
    });
    expect(canvases).to.equal(1);
    expect(problems).to.deep.equal([]);
  });
});
