import { rm } from 'node:fs/promises';
import { FileBox } from 'file-box';
import { qrcodeValueToImageUrl, ScanStatus, type ContactSelf, type Wechaty } from 'wechaty';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { describeError, type WechatLogger } from './logger.js';

/** Where the WeChat account stands, as the channel reports it. */
export type WechatState = 'stopped' | 'starting' | 'waiting_for_scan' | 'online' | 'offline';

export interface KeeperOptions {
  /** A new Wechaty with the channel's listeners on it; called again only when a puppet failed to load. */
  create(): Wechaty;
  /** For the log lines: the puppet's package name. */
  puppetName: string;
  logger: WechatLogger;
  retry: BackoffOptions;
  /** After a logout, how long the puppet may take to log in again or show a QR code before a restart. */
  reloginGraceMs: number;
  /** The login QR code is written here as a PNG (and removed once logged in). */
  qrFile?: string;
  random?: () => number;
}

const puppetLoaded = (bot: Wechaty): boolean => {
  try {
    return Boolean(bot.puppet);
  } catch {
    return false; // Wechaty throws NOPUPPET when the puppet package could not be loaded.
  }
};
const puppetRunning = (bot: Wechaty): boolean => puppetLoaded(bot) && bot.puppet.state.active() === true;

/**
 * Keeps one Wechaty running, the way a supervisor would: a start that fails, a logout the puppet
 * does not recover from, or a puppet that stops is logged and retried with exponential backoff.
 * None of it blocks the caller, so the other channels go on serving meanwhile.
 */
export class WechatyKeeper {
  private bot: Wechaty | undefined;
  private botStarted = false;
  /** Set while the keeper stops Wechaty itself: the puppet's 'logout' then is no news. */
  private botStopping = false;
  private state: WechatState = 'stopped';
  private attempt = 0;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private trouble: ((reason: string) => void) | undefined;
  private wake: (() => void) | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  private readonly watchers = new Set<() => void>();

  constructor(private readonly options: KeeperOptions) {}

  /** The Wechaty of the moment (plugins, tests); undefined before the first start. */
  get current(): Wechaty | undefined {
    return this.bot;
  }

  get status(): WechatState {
    return this.state;
  }

  /** Logged in and able to send. */
  get online(): boolean {
    return this.state === 'online' && this.bot?.isLoggedIn === true;
  }

  start(): void {
    if (this.loop) throw new Error('WechatyKeeper.start(): already started');
    this.stopping = false;
    this.loop = this.keep();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.trouble?.('stopping');
    this.wake?.();
    clearTimeout(this.graceTimer);
    await this.loop;
    this.loop = undefined;
    this.setState('stopped');
  }

  /** Resolves once the account is logged in; rejects after `timeoutMs`. */
  whenOnline(timeoutMs: number): Promise<void> {
    if (this.online) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.online) return;
        clearTimeout(timer);
        this.watchers.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(new Error(`WeChat is not logged in after ${timeoutMs} ms (state: ${this.state})`));
      }, timeoutMs);
      this.watchers.add(check);
    });
  }

  private async keep(): Promise<void> {
    const { logger, puppetName, retry, random } = this.options;
    while (!this.stopping) {
      const reason = await this.runOnce();
      if (this.stopping) break;
      const retryInMs = backoffDelay(this.attempt++, retry, random);
      this.setState('offline');
      logger.warn({ channel: 'wechat', puppet: puppetName, reason, attempt: this.attempt, retryInMs }, `WeChat is down (${reason}); next try in ${(retryInMs / 1000).toFixed(1)} s`);
      await this.sleep(retryInMs);
    }
    await this.stopBot();
  }

  /** Starts Wechaty; resolves with the reason it has to be restarted (or 'stopping'). */
  private async runOnce(): Promise<string> {
    const { logger, puppetName } = this.options;
    const troubled = new Promise<string>(resolve => {
      this.trouble = resolve;
    });
    try {
      const bot = (this.bot ??= this.watch(this.options.create()));
      this.setState('starting');
      logger.info({ channel: 'wechat', puppet: puppetName }, 'WeChat: starting the puppet');
      this.botStarted = true;
      await bot.start();
      // Wechaty reports a puppet that failed to start as an 'error' event, not by throwing.
      if (!puppetRunning(bot)) throw new Error('the puppet did not start');
      if (this.state === 'starting') {
        this.setState('offline');
        logger.info({ channel: 'wechat', puppet: puppetName }, 'WeChat: puppet started, waiting for the login (QR code or saved session)');
      }
    } catch (error) {
      if (this.stopping) return 'stopping';
      const described = describeError(error);
      const missing = described.code === 'ERR_MODULE_NOT_FOUND' || /Cannot find (package|module)/.test(described.error);
      const hint = missing ? { hint: `npm install ${puppetName}` } : {};
      logger.error({ channel: 'wechat', puppet: puppetName, ...described, ...hint }, 'WeChat could not start');
      await this.stopBot();
      if (this.bot && !puppetLoaded(this.bot)) this.bot = undefined;
      return 'start failed';
    }
    const reason = await troubled;
    await this.stopBot();
    return reason;
  }

  /** Lifecycle listeners: each logs, none throws into Wechaty. */
  private watch(bot: Wechaty): Wechaty {
    const { logger, puppetName } = this.options;
    const guard =
      <A extends unknown[]>(where: string, listener: (...args: A) => void) =>
      (...args: A): void => {
        try {
          listener(...args);
        } catch (error) {
          logger.error({ channel: 'wechat', where, ...describeError(error) }, 'WeChat event not handled');
        }
      };
    bot.on('scan', guard('scan', (qrcode: string, status: ScanStatus) => this.onScan(qrcode, status)));
    bot.on('login', guard('login', (user: ContactSelf) => {
      clearTimeout(this.graceTimer);
      this.attempt = 0;
      this.setState('online');
      logger.info({ channel: 'wechat', puppet: puppetName, account: user.name() }, `WeChat: logged in as ${user.name()}`);
      if (this.options.qrFile) void rm(this.options.qrFile, { force: true }).catch(() => undefined);
    }));
    bot.on('logout', guard('logout', (user: ContactSelf, reason?: string) => {
      this.setState('offline');
      if (this.botStopping || this.stopping) return;
      const graceMs = this.options.reloginGraceMs;
      logger.warn({ channel: 'wechat', puppet: puppetName, account: user.name(), reason }, `WeChat: logged out; the puppet has ${Math.round(graceMs / 1000)} s to log in again or show a QR code before a restart`);
      clearTimeout(this.graceTimer);
      this.graceTimer = setTimeout(() => {
        if (this.state === 'offline') this.trouble?.('logged out');
      }, graceMs);
      this.graceTimer.unref();
    }));
    bot.on('error', guard('error', (error: Error) => {
      logger.error({ channel: 'wechat', puppet: puppetName, ...describeError(error) }, 'WeChat puppet error');
      if (this.state !== 'starting' && this.botStarted && !this.stopping && !puppetRunning(bot)) this.trouble?.('the puppet stopped');
    }));
    return bot;
  }

  private onScan(qrcode: string, status: ScanStatus): void {
    const { logger, qrFile } = this.options;
    const fields = { channel: 'wechat', puppet: this.options.puppetName, status: ScanStatus[status] };
    if ((status === ScanStatus.Waiting || status === ScanStatus.Timeout) && qrcode) {
      clearTimeout(this.graceTimer);
      this.setState('waiting_for_scan');
      logger.info({ ...fields, qrcodeUrl: qrcodeValueToImageUrl(qrcode), qrcode, ...(qrFile ? { qrFile } : {}) }, "WeChat: scan the QR code with the bot account's WeChat app to log in");
      if (qrFile) {
        FileBox.fromQRCode(qrcode)
          .toFile(qrFile, true)
          .catch(error => logger.warn({ ...fields, qrFile, ...describeError(error) }, 'WeChat: QR code image not written'));
      }
    } else if (status === ScanStatus.Cancel) logger.warn(fields, 'WeChat: login cancelled on the phone');
    else logger.info(fields, `WeChat: QR code ${ScanStatus[status]?.toLowerCase() ?? 'status changed'}`);
  }

  private async stopBot(): Promise<void> {
    const bot = this.bot;
    if (!bot || !this.botStarted) return;
    this.botStarted = false;
    this.botStopping = true;
    clearTimeout(this.graceTimer);
    try {
      await bot.stop();
    } catch (error) {
      this.options.logger.warn({ channel: 'wechat', ...describeError(error) }, 'WeChat did not stop cleanly');
    } finally {
      this.botStopping = false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private setState(state: WechatState): void {
    this.state = state;
    for (const watcher of [...this.watchers]) watcher();
  }
}
