import type { BrowserContext, Locator, Page } from 'playwright-core';
import { sharedBrowser } from './browser.js';
import { signIn, startOpsBot, type OpsBot, type OpsUsername } from './ops-bot.js';

/** The bot (startOpsBot) and its console in a fresh page of the shared Chromium. */
export interface ConsolePage {
  ops: OpsBot;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and anything the Content-Security-Policy blocked, as the page reports them. */
  problems: string[];
  /** The page's element(s) marked `data-test="name"`. */
  test: (name: string) => Locator;
  /** Signs `username` in through the console's API and gives the browser the session cookie. */
  signInAs: (username: OpsUsername) => Promise<void>;
  /** Closes the page's context, then stops the bot. */
  close: () => Promise<void>;
}

/**
 * Starts the bot (`now` and `env` as for startOpsBot) and opens a new context and page on its
 * console, in English at 1280×900 unless `viewport` says otherwise, signed in as nobody.
 */
export async function openConsolePage(
  options: Parameters<typeof startOpsBot>[0] & { viewport?: { width: number; height: number } } = {},
): Promise<ConsolePage> {
  const { viewport = { width: 1280, height: 900 }, ...bot } = options;
  const ops = await startOpsBot(bot);
  let context: BrowserContext | undefined;
  let page: Page;
  try {
    context = await (await sharedBrowser()).newContext({ locale: 'en-GB', viewport });
    page = await context.newPage();
  } catch (error) {
    await context?.close();
    await ops.close();
    throw error;
  }
  const problems: string[] = [];
  page.on('console', message => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', error => problems.push(error.message));
  return {
    ops,
    context,
    page,
    problems,
    test: name => page.locator(`[data-test="${name}"]`),
    async signInAs(username) {
      const [name, value] = (await signIn(ops, username)).split('=', 2) as [string, string];
      await context.addCookies([{ name, value, url: `${ops.url}/ops/` }]);
    },
    async close() {
      await context.close();
      await ops.close();
    },
  };
}
