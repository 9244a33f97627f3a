import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReturnbot, type RunningBot } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { OperatorAccounts } from '../../bot/operations/accounts.js';
import type { OperatorRole } from '../../bot/operations/operators.js';
import { defaultRulesPath } from '../../bot/rules-file.js';
import { SqliteAuditLog } from '../../data/sqlite/audit-log.js';
import { SqliteOperatorStore } from '../../data/sqlite/operator-store.js';
import { openSqliteStore, type SqliteStore } from '../../data/sqlite/sqlite-store.js';
import { TestClock } from './test-bot.js';

/** The console's test accounts and their passwords. */
export const OPS_ACCOUNTS = {
  olivia: { role: 'operator', password: 'olivia-operator-pass' },
  victor: { role: 'viewer', password: 'victor-viewer-pass' },
} as const satisfies Record<string, { role: OperatorRole; password: string }>;

export type OpsUsername = keyof typeof OPS_ACCOUNTS;

export interface OpsBot {
  /** Where the bot answers, e.g. http://127.0.0.1:40123; the console is at `${url}/ops/`. */
  url: string;
  bot: RunningBot;
  /** The bot's clock: tests move it (session expiry, lock-out, periods). */
  clock: TestClock;
  dataDir: string;
  /** Stops the bot, waiting for the work under way (the watch's run, passes), and deletes its folder; once, however often called. */
  close(): Promise<void>;
}

/**
 * The real bot (startReturnbot) on a temporary folder with the demo shop and its ~60 days of
 * history, at `now` (default 2026-11-20 10:00 Shanghai) on a clock the test moves, with the
 * accounts olivia (operator) and victor (viewer). `env` adds or overrides settings.
 */
export async function startOpsBot(options: { now?: string; env?: Record<string, string> } = {}): Promise<OpsBot> {
  const clock = new TestClock(new Date(options.now ?? '2026-11-20T10:00:00+08:00'));
  const dataDir = mkdtempSync(join(tmpdir(), 'returnbot-ops-'));
  // Accounts before the start, so the bot finds operators and makes no first-start admin.
  await addAccounts(dataDir, clock);
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, RULES_FILE: defaultRulesPath, LOG_LEVEL: 'silent', DEMO_DATA: 'true', ...options.env }, 'test settings');
  const bot = await startReturnbot(config, { clock: clock.now, logger: createLogger('silent') });
  let closed: Promise<void> | undefined;
  return {
    url: bot.url,
    bot,
    clock,
    dataDir,
    close() {
      closed ??= bot.stop().then(() => rmSync(dataDir, { recursive: true, force: true }));
      return closed;
    },
  };
}

/**
 * OperatorAccounts on a store's database as the bot makes them by default: 12-hour sessions, a
 * 15-minute lock after `lockoutAttempts` (5) wrong passwords, and, unless `productionHashes`,
 * the cheapest bcrypt cost so that tests stay fast.
 */
export function operatorAccounts(
  db: SqliteStore['db'],
  clock: () => Date,
  options: { lockoutAttempts?: number; productionHashes?: boolean } = {},
): OperatorAccounts {
  return new OperatorAccounts({
    store: new SqliteOperatorStore(db),
    audit: new SqliteAuditLog(db),
    clock,
    sessionHours: 12,
    lockout: { attempts: options.lockoutAttempts ?? 5, minutes: 15 },
    ...(options.productionHashes ? {} : { insecurePasswordCostForTests: 4 }),
  });
}

async function addAccounts(dataDir: string, clock: TestClock): Promise<void> {
  const store = await openSqliteStore({ dataDir, clock: clock.now });
  try {
    const accounts = operatorAccounts(store.db, clock.now);
    for (const [username, { role, password }] of Object.entries(OPS_ACCOUNTS)) await accounts.setAccount(username, role, password, 'test setup');
  } finally {
    await store.close();
  }
}

/** Signs in through the console's API and returns the `cookie` header value for later requests. */
export async function signIn(bot: string | { url: string }, username: OpsUsername): Promise<string> {
  const url = typeof bot === 'string' ? bot : bot.url;
  const response = await fetch(`${url}/ops/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'returnbot-ops' },
    body: JSON.stringify({ username, password: OPS_ACCOUNTS[username].password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username}: HTTP ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find(line => line.startsWith('returnbot_ops='));
  if (!cookie) throw new Error(`sign-in as ${username}: no returnbot_ops cookie`);
  return cookie.split(';')[0]!;
}

/** Headers for a console API call as the browser makes it: the session cookie and the CSRF header. */
export function opsHeaders(cookie: string, extra: Record<string, string> = {}): Record<string, string> {
  return { cookie, 'x-requested-with': 'returnbot-ops', ...extra };
}
