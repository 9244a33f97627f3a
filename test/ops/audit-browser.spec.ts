import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signIn, type OpsBot } from '../support/ops-bot.js';
import { openConsolePage, type ConsolePage } from '../support/ops-page.js';
import { openMilletOverHttp } from './crisis-support.js';

describe('the activity page in Chromium', function () {
  this.timeout(60_000);
  /** Afresh for each test (openConsolePage); `problems`: uncaught errors and anything the Content-Security-Policy blocked. */
  let ops: OpsBot, page: Page, problems: string[], test: ConsolePage['test'], signInAs: ConsolePage['signInAs'], close: ConsolePage['close'];

  beforeEach(async () => ({ ops, page, problems, test, signInAs, close } = await openConsolePage()));
  afterEach(() => close());

  it('shows victor, a viewer, the crisis olivia opened, in English and Chinese', async () => {
    await signInAs('victor');
    const olivia = await signIn(ops, 'olivia');
    ops.clock.advanceMinutes(1);
    const crisisId = await openMilletOverHttp(ops, olivia);

    await page.goto(`${ops.url}/ops/#/dashboard`);
    await test('nav-audit').click();
    await test('audit-table').waitFor();
    expect(await page.locator('.nav a.active').textContent()).to.equal('Activity');

    const newest = test('audit-row').first();
    expect(await newest.getAttribute('data-action')).to.equal('crisis.opened');
    expect(await newest.locator('[data-test="audit-who-cell"]').innerText()).to.equal('olivia');
    expect(await newest.locator('[data-test="audit-subject"]').innerText()).to.equal(crisisId);
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
