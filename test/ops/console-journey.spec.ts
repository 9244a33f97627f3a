import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { OpsBot } from '../support/ops-bot.js';
import { openConsolePage, type ConsolePage } from '../support/ops-page.js';
import { chat } from '../support/transcript.js';

/**
 * The "done when", as an operator lives it in Chromium: the bad batch found from the
 * dashboard alone, its cases and one case page, a crisis opened for it, a new customer request
 * resolved by the preset, the crisis closed, and a rule change dry-run.
 */
describe('an operator\'s morning in the console (Chromium)', function () {
  this.timeout(90_000);
  /** One bot and page for the whole morning, olivia signed in. */
  let ops: OpsBot, page: Page, problems: string[], test: ConsolePage['test'], close: ConsolePage['close'] | undefined;

  before(async () => {
    const chromium = await openConsolePage({ viewport: { width: 1360, height: 1000 } });
    ({ ops, page, problems, test, close } = chromium);
    await chromium.signInAs('olivia');
  });
  after(() => close?.());
  const screenshot = async (file: string) => {
    if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: `docs/${file}`, fullPage: true });
  };

  it('the dashboard draws its charts from the demo history and names the bad batch', async () => {
    await page.goto(`${ops.url}/ops/#/dashboard`);
    await test('top-batch').waitFor();
    expect(await test('top-batch').getAttribute('data-batch')).to.equal('B-MIL-2611');
    const rate = Number((await test('top-batch-rate').innerText()).replace('%', ''));
    expect(rate).to.be.above(5);
    await page.waitForFunction(() => document.querySelectorAll('.chart canvas').length >= 5);
    await screenshot('screenshot-ops-dashboard.png');
  });

  it('the anomaly watch\'s alert on that batch reads in the console\'s language and leads to its numbers', async () => {
    const alert = test('alert').filter({ has: page.locator('a') }).first();
    expect(await alert.innerText()).to.match(/^Batch B-MIL-2611: \d+ units asked back in the last 7 days where its usual rate predicts [\d.]+; high since 2026-11-\d\d\./);
    // Raised by the watch's first run, at the bot's start: 10:00 as the shop counts time, whatever the browser's zone.
    expect(await test('alert').first().innerText()).to.contain('20 Nov 2026, 10:00');
    await test('lang-toggle').click();
    await test('alert').getByText(/^批次 B-MIL-2611：近 7 天退换 \d+ 件/).waitFor();
    await test('lang-toggle').click();
    await test('alert').getByText(/^Batch B-MIL-2611/).waitFor();
    await alert.locator('a').click();
    await page.waitForFunction(() => location.hash === '#/dashboard?batch=B-MIL-2611');
    await page.goto(`${ops.url}/ops/#/dashboard`);
    await test('top-batch-filter').waitFor();
  });

  it('filtering by that batch narrows the numbers to it, and its cases open one by one', async () => {
    await test('top-batch-filter').click();
    await page.waitForFunction(() => location.hash.includes('batch=B-MIL-2611'));
    expect(await test('filter-batch').inputValue()).to.equal('B-MIL-2611');
    await test('top-batch-cases').click();
    await test('case-row').first().waitFor();
    const rows = await test('case-row').allInnerTexts();
    expect(rows.length).to.be.above(3);
    for (const row of rows) expect(row).to.contain('B-MIL-2611');

    await test('case-row').first().click();
    await test('case-timeline').waitFor();
    expect(await test('timeline-event').count()).to.be.at.least(1);
    const rules = await test('decision-rule').allInnerTexts();
    expect(rules.join('\n')).to.match(/window\.within/).and.match(/quality\./);
  });

  it('a crisis opened for the batch resolves a new request with its preset, and closing it restores the rules', async () => {
    await page.goto(`${ops.url}/ops/#/dashboard`);
    await test('top-batch-crisis').click();
    await test('crisis-open').waitFor();
    expect(await test('crisis-scope-value').inputValue()).to.equal('B-MIL-2611');
    await test('crisis-open').click();
    const card = test('crises-open').locator('[data-test="crisis"]');
    await card.waitFor();

    await chat(ops.bot, 'morning-visitor', 'web')
      .customer('My millet from order 123456 is mouldy, phone ends 5678').bot(/how many/i)
      .customer('2').bot(/check/i).botNot(/photo/i)
      .customer('yes').bot(/B-MIL-2611/, /refund/i)
      .caseIs({ status: 'approved', decision: { reasons: ['crisis.preset'] } });

    // The case page shows the crisis rule that decided it, beside the conversation that led there.
    const [newCase] = (await ops.bot.store.casesOfCustomer('C001')).slice(-1);
    await page.goto(`${ops.url}/ops/#/case/${newCase!.id}`);
    await test('case-transcript').waitFor();
    expect(await test('chat-bubble').count()).to.be.at.least(6);
    expect((await test('decision-rule').allInnerTexts()).join('\n')).to.contain('crisis.preset');
    expect(await test('case-decision').innerText()).to.match(/COMPENSATION\s+¥10\.00 coupon/i);
    await screenshot('screenshot-ops-case.png');

    await page.goto(`${ops.url}/ops/#/crises`);
    await test('crises-open').locator('[data-test="crisis"]').waitFor();
    expect(await test('crises-open').locator('[data-test="crisis-requests"] strong').innerText()).to.equal('1');

    await test('crises-open').locator('[data-test="crisis-close"]').click();
    await test('crises-open').locator('[data-test="crisis-close-confirm-yes"]').click();
    await test('crises-closed').locator('[data-test="crisis"][data-state="closed"]').waitFor();
  });

  it('a rule change is dry-run over the past cases before anything is applied', async () => {
    await page.goto(`${ops.url}/ops/#/rules`);
    const editor = test('rules-text');
    await editor.waitFor();
    await editor.fill((await editor.inputValue()).replace(/^ {2}days: 7$/m, '  days: 3'));
    await test('rules-dry-run').click();
    await test('rules-changed-count').waitFor();
    expect(Number(await test('rules-changed-count').getAttribute('data-count'))).to.be.above(0);
    expect(await test('rules-changed-row').count()).to.be.above(0);
    expect(problems).to.deep.equal([]);
  });
});
