import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { OpsBot, OpsUsername } from '../support/ops-bot.js';
import { openConsolePage, type ConsolePage } from '../support/ops-page.js';

describe('the crises page in Chromium', function () {
  this.timeout(60_000);
  /** Afresh for each test (openConsolePage); `problems`: uncaught errors and anything the Content-Security-Policy blocked. */
  let ops: OpsBot, page: Page, problems: string[], test: ConsolePage['test'], signInAs: ConsolePage['signInAs'], close: ConsolePage['close'];

  beforeEach(async () => ({ ops, page, problems, test, signInAs, close } = await openConsolePage()));
  afterEach(() => close());

  async function openAs(username: OpsUsername, hash: string) {
    await signInAs(username);
    // From a blank page: going to another hash of the console would not load it again as the new user.
    await page.goto('about:blank');
    await page.goto(`${ops.url}/ops/${hash}`);
    await test('crisis-list').waitFor();
  }

  it('olivia opens a crisis from the dashboard\'s batch, sees whom it would reach, notifies them and closes it', async () => {
    await openAs('olivia', '#/crises?batch=B-MIL-2611');
    expect(await test('crisis-scope-value').inputValue()).to.equal('B-MIL-2611');
    expect(await test('crisis-notice-en').inputValue()).to.match(/^About Millet 500g \(batch B-MIL-2611\): .*refund it in full.*¥10\.00 coupon/);
    expect(await test('crisis-notice-zh-Hant').inputValue()).to.contain('批次 B-MIL-2611');
    await test('crisis-audience').getByText(/A notice would reach \d+ customers/).waitFor();
    const audience = Number(/reach (\d+)/.exec(await test('crisis-audience').innerText())![1]);
    expect(audience).to.be.above(0);

    // The operator's own words survive a change of the preset; the others follow it.
    await test('crisis-notice-en').fill('Millet batch B-MIL-2611 went mouldy: refund and coupon for everyone.');
    await test('crisis-return').selectOption('yes');
    expect(await test('crisis-notice-zh-Hans').inputValue()).to.contain('请把商品寄回');
    await test('crisis-return').selectOption('no');

    await test('crisis-open').click();
    const card = test('crises-open').locator('[data-test="crisis"]');
    await card.waitFor();
    expect(await card.getAttribute('data-state')).to.equal('open');
    expect(await card.innerText()).to.contain('Opened by olivia on 20 Nov 2026, 10:00');
    expect(await card.locator('[data-test="crisis-preset"]').innerText()).to.equal('Refund, nothing sent back, plus a ¥10.00 coupon');

    expect(await card.locator('[data-test="crisis-notify-confirm"]').isVisible()).to.equal(false);
    await card.locator('[data-test="crisis-notify"]').click();
    await card.locator('[data-test="crisis-notify-confirm"]').getByText(`Send the notice to ${audience} customers`).waitFor();
    expect(await card.locator('[data-test="crisis-close-confirm"]').isVisible()).to.equal(false);
    await card.locator('[data-test="crisis-notify-confirm-yes"]').click();
    await test('crisis-messages').getByText(`${audience} notices queued for ${audience} customers`).waitFor();
    await test('crises-open').locator('[data-test="crisis-notices"]').getByText(new RegExp(`of ${audience} `)).waitFor();

    await test('crises-open').locator('[data-test="crisis-close"]').click();
    await test('crises-open').locator('[data-test="crisis-close-confirm-yes"]').click();
    await test('crises-closed').locator('[data-test="crisis"][data-state="closed"]').waitFor();
    expect(await test('crises-open').locator('[data-test="crisis"]').count()).to.equal(0);
    expect(problems).to.deep.equal([]);
  });

  it('shows a wrong notice with its field, and victor only reads', async () => {
    await openAs('olivia', '#/crises');
    await test('crisis-notice-zh-Hant').fill('');
    await test('crisis-open').click();
    await test('crisis-messages').getByText(/notice\.zh-Hant: is required/).waitFor();
    expect(await test('crisis').count()).to.equal(0);

    await openAs('victor', '#/crises');
    await test('crisis-viewer-note').waitFor();
    expect(await test('crisis-open').count()).to.equal(0);
    expect(await test('crisis-notify').count()).to.equal(0);
    expect(problems).to.deep.equal([]);
  });
});
