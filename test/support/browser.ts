import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (see .ci/run); playwright-core downloads no browser of its own. */
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let launched: Promise<Browser> | undefined;

/**
 * One headless Chromium for the whole test run, launched by the first browser test that asks:
 * starting Chromium costs about a second, a page a few milliseconds.
 */
export function sharedBrowser(): Promise<Browser> {
  launched ??= chromium.launch({
    executablePath: EXECUTABLE,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return launched;
}

// A root-level hook (this module is loaded while mocha reads the spec files): closes the browser
// once, after every file that used it.
after(async () => {
  const browser = await launched?.catch(() => undefined);
  launched = undefined;
  await browser?.close();
});
