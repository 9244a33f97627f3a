import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { startReturnbot, type RunningBot } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { defaultRulesPath } from '../../bot/rules-file.js';
import { sharedBrowser } from '../support/browser.js';
import { solidPng } from './png.js';

describe('returnbot in Chromium: a whole return through the demo page', function () {
  this.timeout(60_000);
  let dataDir: string;
  let bot: RunningBot;
  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'returnbot-web-'));
    bot = await startReturnbot(
      loadConfig({ PORT: '0', DATA_DIR: dataDir, RULES_FILE: defaultRulesPath, LOG_LEVEL: 'silent', WEB_SESSION_SECRET: 'browser-return-test-secret-0123456789' }, 'test settings'),
      { logger: createLogger('silent') },
    );
    context = await (await sharedBrowser()).newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
    await bot.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const say = async (text: string) => {
    const sendBox = page.locator('[data-id="webchat-sendbox-input"]');
    await sendBox.fill(text);
    await sendBox.press('Enter');
  };
  const seen = (pattern: RegExp) => page.getByText(pattern).last().waitFor();
  const pick = (label: string) => page.locator('.webchat__suggested-action', { hasText: label }).click();
  const upload = (name: string, color: [number, number, number]) =>
    page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'image/png', buffer: solidPng(48, 48, color) });
  /** One turn as the customer makes it in the widget, then what the bot must answer. */
  const customer = async (act: () => Promise<unknown>, ...replies: RegExp[]) => {
    await act();
    for (const reply of replies) await seen(reply);
  };

  it('mouldy millet (zh-Hans): order, phone, quantity, photo, confirmation, refund', async () => {
    await page.goto(bot.url);
    await customer(() => say('我昨天收到的小米有发霉的,订单号是123456'), /手机号.*后四位/);
    await customer(() => say('5678'), /几件/);
    await customer(() => pick('2'), /拍照/);
    await customer(() => upload('发霉.png', [120, 110, 60]), /请核对/);
    await customer(() => say('确认'), /您希望怎么处理/);
    await customer(() => pick('退款'), /工单号是 RB-\d{8}-\d{4}/);

    if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/screenshot-webchat.png' });

    const token = await page.evaluate(() => localStorage.getItem('returnbot.webchat.token'));
    const userId = token?.slice(0, token.lastIndexOf('.'));
    const [record] = await bot.store.casesOfConversation(`web:${userId}`);
    expect(record).to.deep.include({ reason: 'quality', outcome: 'refund', status: 'approved', orderId: '123456', quantity: 2 });
    expect(record?.photoIds).to.have.length(1);
  });

  it('mouldy red beans exchanged (zh-Hant), then the same customer asks in English where it stands', async () => {
    await page.goto(bot.url);
    await customer(() => say('紅豆發霉了,訂單500001'), /後四位/);
    await customer(() => say('0011'), /拍照/);
    await customer(() => upload('beans.png', [30, 30, 30]), /請核對/);
    await customer(() => pick('確認'), /您希望怎麼處理/);
    await customer(() => pick('換貨'), /工單號是 RB-/);
    await customer(() => say('Where is my exchange? Any update?'), /where your requests stand/);
  });

  it('a defective mug exchanged (en), with the return slip and who pays the parcel', async () => {
    await page.goto(bot.url);
    await customer(() => say('The mug from order 400001 is defective, I want an exchange'), /last 4 digits/);
    await customer(() => say('2468'), /How many/);
    await customer(() => pick('1'), /photos/);
    await customer(() => upload('mug.png', [200, 200, 200]), /Please check/);
    await customer(() => pick('Confirm'), /RETURN-Order 400001-Quality problem/, /We pay the return shipping/, /case number is RB-/);
  });
});
