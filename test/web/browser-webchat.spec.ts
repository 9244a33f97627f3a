import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import type { Inbound, Outbound } from '../../bot/messages.js';
import { sharedBrowser } from '../support/browser.js';
import { ScriptedHandler, startWebHarness, type WebHarness } from './harness.js';
import { solidPng } from './png.js';


const script = (inbound: Inbound): Outbound[] => {
  if (inbound.attachments.length > 0) return [{ text: '照片已收到，谢谢！' }];
  if (inbound.text === 'exchange') return [{ text: '好的，给您换货。请拍一张照片。' }];
  return [
    {
      text: `您说：${inbound.text}。您希望怎么处理？`,
      quickReplies: [
        { label: '退款', value: '退款' },
        { label: 'Exchange 换货', value: 'exchange' },
      ],
      card: { title: '订单 123456', fields: [{ label: '商品', value: '小米 500g × 2' }] },
    },
  ];
};

describe('web channel in Chromium: the demo page with the official Web Chat', function () {
  this.timeout(60_000);
  let handler: ScriptedHandler;
  let web: WebHarness;
  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    handler = new ScriptedHandler(script);
    web = await startWebHarness(handler);
    context = await (await sharedBrowser()).newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
    await web.stop();
  });

  const sendBox = () => page.locator('[data-id="webchat-sendbox-input"]');
  const say = async (text: string) => {
    await sendBox().fill(text);
    await sendBox().press('Enter');
  };
  const seen = (text: string) => page.getByText(text, { exact: true }).first().waitFor();

  it('chats, takes a suggested action and uploads a photo', async () => {
    await page.goto(web.url);
    await say('我收到的小米发霉了');
    await seen('您说：我收到的小米发霉了。您希望怎么处理？');
    await seen('小米 500g × 2');

    await page.locator('.webchat__suggested-action', { hasText: 'Exchange 换货' }).click();
    await seen('好的，给您换货。请拍一张照片。');
    const [first, picked] = await handler.waitForInbounds(2);
    expect(picked).to.deep.include({ text: 'exchange', userId: first?.userId });
    // The button's label, not its value, stands in the transcript as the customer's words.
    expect(await page.getByText('exchange', { exact: true }).count()).to.equal(0);

    const png = solidPng(48, 48, [234, 88, 12]);
    await page.locator('input[type="file"]').setInputFiles({ name: '发霉的小米.png', mimeType: 'image/png', buffer: png });
    await seen('照片已收到，谢谢！');
    const photo = (await handler.waitForInbounds(3))[2]?.attachments[0];
    expect(photo).to.deep.include({ kind: 'image', name: '发霉的小米.png', declaredType: 'image/png' });
    expect(photo?.data?.equals(png)).to.equal(true);
    expect(handler.deliveredIds).to.deep.equal([1, 2, 3]);
  });

  it('keeps the customer across a reload, and starts afresh on "new conversation"', async () => {
    await page.goto(web.url);
    await say('第一句');
    await seen('您说：第一句。您希望怎么处理？');

    await page.reload();
    await seen('您说：第一句。您希望怎么处理？');
    await say('第二句');
    await seen('您说：第二句。您希望怎么处理？');

    await page.getByText('新对话 · New conversation').click();
    await sendBox().waitFor();
    await say('第三句');
    await seen('您说：第三句。您希望怎么处理？');
    expect(await page.getByText('第一句', { exact: true }).count()).to.equal(0);

    const [first, second, third] = await handler.waitForInbounds(3);
    expect(second?.userId).to.equal(first?.userId);
    expect(third?.userId).not.to.equal(first?.userId);
  });
});
