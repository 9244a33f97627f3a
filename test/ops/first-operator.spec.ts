import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { pino } from 'pino';
import { startReturnbot } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { defaultRulesPath } from '../../bot/rules-file.js';
import { openSqliteStore } from '../../data/sqlite/sqlite-store.js';
import { operatorAccounts } from '../support/ops-bot.js';

const run = promisify(execFile);

async function signInOnStore(dataDir: string, username: string, password: string) {
  const store = await openSqliteStore({ dataDir });
  try {
    return await operatorAccounts(store.db, () => new Date(), { productionHashes: true }).signIn(username, password);
  } finally {
    await store.close();
  }
}

describe('operations console: the first operator', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'returnbot-ops-first-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function start(log: string[]) {
    const logger = pino({ level: 'info' }, { write: (line: string) => log.push(line) });
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, RULES_FILE: defaultRulesPath, LOG_LEVEL: 'silent', DEMO_DATA: 'false' }, 'test settings');
    return startReturnbot(config, { logger });
  }

  it('is created on a store without operators: "admin", its password in a file only its owner reads, the log naming the file only', async () => {
    const log: string[] = [];
    const bot = await start(log);
    const file = join(dataDir, 'ops-admin-password.txt');
    const password = readFileSync(file, 'utf8').trim();
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(password).to.match(/^[A-Za-z0-9_-]{24}$/);
    const lines = log.filter(line => line.includes('ops-admin-password.txt'));
    expect(lines).to.have.length(1);
    expect(JSON.parse(lines[0]!)).to.include({ file });
    expect(log.join('\n')).not.to.include(password);

    const response = await fetch(`${bot.url}/ops/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'returnbot-ops' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(response.status).to.equal(200);
    expect((await response.json()).operator).to.deep.equal({ username: 'admin', role: 'operator' });
    await bot.stop();

    // Read and deleted by the operator: the next start makes no new admin.
    rmSync(file);
    const again = await start([]);
    await again.stop();
    expect(existsSync(file)).to.equal(false);
  });
});

describe('npm run ops:user', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'returnbot-ops-user-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const opsUser = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/ops-user.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir, DEMO_DATA: 'false', ...env } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('creates an account with a generated password printed once, then resets it with OPS_USER_PASSWORD', async () => {
    const created = await opsUser(['olga', 'viewer']);
    expect(created.code).to.equal(0);
    const password = created.stdout.trim();
    expect(password).to.match(/^[A-Za-z0-9_-]{24}$/);
    expect(created.stderr).to.include('"olga" (viewer)').and.not.include(password);
    const first = await signInOnStore(dataDir, 'olga', password);
    expect(first.ok && first.operator).to.deep.equal({ username: 'olga', role: 'viewer' });

    const reset = await opsUser(['olga', 'operator'], { OPS_USER_PASSWORD: 'chosen by olga herself' });
    expect(reset).to.include({ code: 0, stdout: '' });
    expect(await signInOnStore(dataDir, 'olga', password)).to.deep.equal({ ok: false, reason: 'wrong' });
    const second = await signInOnStore(dataDir, 'olga', 'chosen by olga herself');
    expect(second.ok && second.operator).to.deep.equal({ username: 'olga', role: 'operator' });
  });

  it('refuses a bad command line (2) and a bad username or password (1)', async () => {
    expect((await opsUser([])).code).to.equal(2);
    expect((await opsUser(['olga', 'admin'])).code).to.equal(2);
    expect((await opsUser(['olga', 'viewer', 'extra'])).code).to.equal(2);
    const badName = await opsUser(['Olga!', 'viewer']);
    expect(badName.code).to.equal(1);
    expect(badName.stderr).to.include('username');
    const shortPassword = await opsUser(['olga', 'viewer'], { OPS_USER_PASSWORD: 'short' });
    expect(shortPassword.code).to.equal(1);
    expect(shortPassword.stderr).to.include('at least 12 characters');
  });
});
