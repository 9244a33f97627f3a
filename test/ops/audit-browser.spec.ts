import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { sharedBrowser } from '../support/browser.js';
import { opsHeaders, signIn, startOpsBot, type OpsBot } from '../support/ops-bot.js';
import { mouldyMilletCrisis } from './crisis-support.js';

describe('the activity page in Chromium', function () {
  this.timeout(60_000);
  let ops: OpsBot;
  let context: BrowserContext;
  let page: Page;
  /** Uncaught errors and anything the Content-Security-Policy blocked. */
  let problems: string[];

  beforeEach(async () => {
    ops = await startOpsBot();
    context = await (await sharedBrowser()).newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    problems = [];
    page.on('console', message => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', error => problems.push(error.message));
  });
  afterEach(async () => {
    await context.close();
    await ops.close();
  });

  const test = (name: string) => page.locator(`[data-test="${name}"]`);

  it('shows victor, a viewer, the crisis olivia opened, in English and Chinese', async () => {
    const [name, value] = (await signIn(ops, 'victor')).split('=', 2) as [string, string];
    await context.addCookies([{ name, value, url: `${ops.url}/ops/` }]);
    const olivia = await signIn(ops, 'olivia');
    ops.clock.current = new Date(ops.clock.current.getTime() + 60_000);
    const opened = await fetch(`${ops.url}/ops/api/crises`, {
      method: 'POST',
      headers: opsHeaders(olivia, { 'content-type': 'application/json' }),
      body: JSON.stringify(mouldyMilletCrisis()),
    });
    expect(opened.status).to.equal(201);
    const { crisis } = (await opened.json()) as { crisis: { id: string } };

    await page.goto(`${ops.url}/ops/#/dashboard`);
    await test('nav-audit').click();
    await test('audit-table').waitFor();
    expect(await page.locator('.nav a.active').textContent()).to.equal('Activity');

    const newest = test('audit-row').first();
    expect(await newest.getAttribute('data-action')).to.equal('crisis.opened');
    expect(await newest.locator('[data-test="audit-who-cell"]').innerText()).to.equal('olivia');
    expect(await newest.locator('[data-test="audit-subject"]').innerText()).to.equal(crisis.id);
    expect(await newest.innerText()).to.contain('Opened a crisis');
    expect(await newest.locator('[data-test="audit-details"]').innerText()).to.contain('scope: batch B-MIL-2611').and.match(/preset: Refund, nothing sent back/);
    expect(await newest.innerText()).to.contain('20 Nov 2026, 10:01');

    await test('audit-type').selectOption('session.signed_in');
    await page.waitForFunction(() => location.hash.includes('type=session.signed_in'));
    await page.locator('[data-test="audit-row"][data-action="crisis.opened"]').waitFor({ state: 'detached' });
    const actions = await test('audit-row').evaluateAll(rows => rows.map(row => (row as HTMLElement).dataset['action']));
    expect(actions).to.deep.equal(['session.signed_in', 'session.signed_in']);

    await test('lang-toggle').click();
    await test('nav-audit').getByText('操作记录').waitFor();
    await test('audit-row').first().getByText('登录').waitFor();
    expect(problems).to.deep.equal([]);
  });
});
