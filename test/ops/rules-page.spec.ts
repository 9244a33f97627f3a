import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { OpsBot, OpsUsername } from '../support/ops-bot.js';
import { openConsolePage, type ConsolePage } from '../support/ops-page.js';
import { rulesCopy, type RulesCopy } from './rules-support.js';

describe('the rules page in Chromium', function () {
  this.timeout(60_000);
  let copy: RulesCopy;
  /** Afresh for each test (openConsolePage); `problems`: uncaught errors and anything the Content-Security-Policy blocked. */
  let ops: OpsBot, page: Page, problems: string[], test: ConsolePage['test'], signInAs: ConsolePage['signInAs'], close: ConsolePage['close'];

  beforeEach(async () => {
    copy = rulesCopy();
    ({ ops, page, problems, test, signInAs, close } = await openConsolePage({ env: { RULES_FILE: copy.path } }));
  });
  afterEach(async () => {
    await close();
    copy.dispose();
  });

  async function openAs(username: OpsUsername) {
    await signInAs(username);
    await page.goto(`${ops.url}/ops/#/rules`);
    await test('rules-text').waitFor();
  }

  it('olivia dry-runs a 3-day window, sees the changed cases and money, applies it, and the file is the text she typed', async () => {
    await openAs('olivia');
    expect(await test('rules-text').inputValue()).to.equal(copy.original.toString('utf8'));
    expect(await test('rules-apply').isDisabled()).to.equal(true);

    const text = copy.edited('days: 7', 'days: 3');
    await test('rules-text').fill(text);
    await test('rules-days').fill('30');
    await test('rules-dry-run').click();
    const count = Number(await test('rules-changed-count').getAttribute('data-count'));
    expect(count).to.be.greaterThan(0);
    expect(await test('rules-changed-row').count()).to.equal(count);
    const link = await test('rules-changed-row').first().locator('a').getAttribute('href');
    expect(link).to.match(/^#\/case\/RB-\d{8}-\d{4}$/);
    expect(Number(await test('rules-money-refundable-delta').getAttribute('data-cents'))).to.be.below(0);

    // Apply only for the text just dry-run: an edit takes it away, undoing the edit gives it back.
    expect(await test('rules-apply').isDisabled()).to.equal(false);
    await test('rules-text').fill(`${text}\n# one more line`);
    expect(await test('rules-apply').isDisabled()).to.equal(true);
    await test('rules-text').fill(text);
    expect(await test('rules-apply').isDisabled()).to.equal(false);

    await test('rules-apply').click();
    await test('rules-apply-confirm').getByText(`${count} decisions of the period would change`).waitFor();
    await test('rules-apply-confirm-yes').click();
    await test('rules-apply-result').waitFor();
    expect(copy.bytes().toString('utf8')).to.equal(text);
    expect(await test('rules-history-row').count()).to.equal(1);
    expect(await test('rules-current-version').getAttribute('data-version')).to.match(/^[0-9a-f]{64}$/);
    expect(problems).to.deep.equal([]);
  });

  it('victor may dry-run but sees no Apply; a wrong value is shown with its field and reason', async () => {
    await openAs('victor');
    expect(await test('rules-apply').count()).to.equal(0);
    await test('rules-apply-hint').getByText('Only operators may apply rules.').waitFor();

    await test('rules-text').fill(copy.edited('days: 7', 'days: -1'));
    await test('rules-dry-run').click();
    await test('rules-messages').getByText('window.days').waitFor();
    expect(await test('rules-messages').textContent()).to.include('must be a positive integer');

    await test('rules-text').fill(copy.edited('percent: 10', 'percent: 20'));
    await test('rules-dry-run').click();
    expect(Number(await test('rules-money-fees-delta').getAttribute('data-cents'))).to.be.greaterThan(0);
    expect(copy.bytes()).to.deep.equal(copy.original);
    expect(problems).to.deep.equal([]);
  });
});
