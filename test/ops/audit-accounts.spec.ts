import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../bot/logger.js';
import type { OperatorAccounts } from '../../bot/operations/accounts.js';
import { ensureFirstOperator } from '../../bot/operations/first-operator.js';
import { SqliteAuditLog } from '../../data/sqlite/audit-log.js';
import { SqliteOperatorStore } from '../../data/sqlite/operator-store.js';
import { openTempStore, type TempStore } from '../data/fixtures.js';
import { operatorAccounts } from '../support/ops-bot.js';
import { TestClock } from '../support/test-bot.js';
import { everything } from './audit-support.js';

const PASSWORD = 'correct horse battery';

describe('audit trail: accounts and sign-ins', () => {
  let temp: TempStore;
  let clock: TestClock;
  let audit: SqliteAuditLog;
  let accounts: OperatorAccounts;
  /** The audit's entries, oldest first, as who/what/subject/details. */
  const trail = async () => (await everything(audit)).reverse().map(({ who, what, subject, details }) => ({ who, what, subject, details }));

  beforeEach(async () => {
    temp = await openTempStore();
    clock = new TestClock(new Date('2026-11-20T02:00:00.000Z'));
    audit = new SqliteAuditLog(temp.store.db);
    accounts = operatorAccounts(temp.store.db, clock.now, { lockoutAttempts: 3 });
  });
  afterEach(() => temp.dispose());

  it('records an account created, then reset, by whoever asked', async () => {
    await accounts.setAccount('olivia', 'viewer', PASSWORD, 'shell:root');
    await accounts.setAccount('olivia', 'operator', 'another good password', 'shell:root');
    expect(await trail()).to.deep.equal([
      { who: 'shell:root', what: 'account.created', subject: 'olivia', details: { role: 'viewer' } },
      { who: 'shell:root', what: 'account.reset', subject: 'olivia', details: { role: 'operator', previousRole: 'viewer' } },
    ]);
  });

  it('records the first operator as made by the bot itself', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'returnbot-audit-first-'));
    try {
      await ensureFirstOperator(accounts, dataDir, createLogger('silent'));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(await trail()).to.deep.equal([{ who: 'returnbot', what: 'account.created', subject: 'admin', details: { role: 'operator' } }]);
  });

  it('records a sign-in and a sign-out', async () => {
    await accounts.setAccount('olivia', 'operator', PASSWORD, 'test');
    const signedIn = await accounts.signIn('olivia', PASSWORD);
    if (!signedIn.ok) throw new Error(signedIn.reason);
    await accounts.signOut(signedIn.token);
    // A token already ended is nobody's sign-out.
    await accounts.signOut(signedIn.token);
    expect((await trail()).slice(1)).to.deep.equal([
      { who: 'olivia', what: 'session.signed_in', subject: 'olivia', details: { role: 'operator', expiresAt: '2026-11-20T14:00:00.000Z' } },
      { who: 'olivia', what: 'session.signed_out', subject: 'olivia', details: {} },
    ]);
  });

  it('records failed sign-ins with the username tried, a lock-out, and a sign-in refused while locked', async () => {
    await accounts.setAccount('olivia', 'operator', PASSWORD, 'test');
    await accounts.signIn(' Mallory ', 'guessed password 1');
    await accounts.signIn('olivia', 'guessed password 2');
    await accounts.signIn('olivia', 'guessed password 3');
    await accounts.signIn('olivia', 'guessed password 4');
    await accounts.signIn('olivia', PASSWORD);
    expect((await trail()).slice(1)).to.deep.equal([
      { who: 'mallory', what: 'session.sign_in_failed', subject: 'mallory', details: { reason: 'unknown_username' } },
      { who: 'olivia', what: 'session.sign_in_failed', subject: 'olivia', details: { reason: 'wrong_password', failures: 1 } },
      { who: 'olivia', what: 'session.sign_in_failed', subject: 'olivia', details: { reason: 'wrong_password', failures: 2 } },
      { who: 'olivia', what: 'session.locked_out', subject: 'olivia', details: { failures: 3, lockedUntil: '2026-11-20T02:15:00.000Z' } },
      { who: 'olivia', what: 'session.sign_in_failed', subject: 'olivia', details: { reason: 'locked', lockedUntil: '2026-11-20T02:15:00.000Z' } },
    ]);
  });

  it('keeps no password, hash or token in the events table', async () => {
    await accounts.setAccount('olivia', 'operator', PASSWORD, 'test');
    await accounts.signIn('olivia', 'a wrong password typed');
    const signedIn = await accounts.signIn('olivia', PASSWORD);
    if (!signedIn.ok) throw new Error(signedIn.reason);
    await accounts.signOut(signedIn.token);
    const hash = (await new SqliteOperatorStore(temp.store.db).account('olivia'))!.passwordHash;

    const stored = JSON.stringify(temp.store.db.prepare('SELECT * FROM events').all());
    expect(stored).to.include('olivia');
    for (const secret of [PASSWORD, 'a wrong password typed', signedIn.token, hash]) expect(stored).not.to.include(secret);
  });
});
