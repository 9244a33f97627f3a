import { expect } from 'chai';
import type { OperatorAccounts } from '../../bot/operations/accounts.js';
import { openTempStore, type TempStore } from '../data/fixtures.js';
import { operatorAccounts } from '../support/ops-bot.js';
import { TestClock } from '../support/test-bot.js';

describe('OperatorAccounts', () => {
  let temp: TempStore;
  let clock: TestClock;
  let accounts: OperatorAccounts;

  beforeEach(async () => {
    temp = await openTempStore();
    clock = new TestClock(new Date('2026-11-20T02:00:00Z'));
    accounts = operatorAccounts(temp.store.db, clock.now, { lockoutAttempts: 3 });
    await accounts.setAccount('olivia', 'operator', 'correct horse battery', 'test');
  });
  afterEach(() => temp.dispose());

  it('signs in with the right password and knows the session by its token until it expires', async () => {
    const result = await accounts.signIn('olivia', 'correct horse battery');
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.operator).to.deep.equal({ username: 'olivia', role: 'operator' });
    expect(result.expiresAt.toISOString()).to.equal('2026-11-20T14:00:00.000Z');
    expect(await accounts.session(result.token)).to.deep.equal({ username: 'olivia', role: 'operator' });
    clock.advanceMinutes(12 * 60 - 1);
    expect(await accounts.session(result.token)).to.deep.equal({ username: 'olivia', role: 'operator' });
    clock.advanceMinutes(1);
    expect(await accounts.session(result.token)).to.equal(null);
  });

  it('keeps only a bcrypt hash of the password and a sha256 of the token', async () => {
    const result = await accounts.signIn('olivia', 'correct horse battery');
    if (!result.ok) throw new Error('refused');
    const { db } = temp.store;
    const stored = JSON.stringify([db.prepare('SELECT * FROM operators').all(), db.prepare('SELECT * FROM operator_sessions').all()]);
    expect(stored).not.to.include('correct horse battery');
    expect(stored).not.to.include(result.token);
    expect(db.prepare('SELECT password_hash FROM operators').pluck().get()).to.match(/^\$2b\$04\$/);
    expect(db.prepare('SELECT token_hash FROM operator_sessions').pluck().get()).to.match(/^[0-9a-f]{64}$/);
  });

  it('gives an unknown user and a wrong password the same answer', async () => {
    expect(await accounts.signIn('olivia', 'wrong password!')).to.deep.equal({ ok: false, reason: 'wrong' });
    expect(await accounts.signIn('mallory', 'wrong password!')).to.deep.equal({ ok: false, reason: 'wrong' });
    expect(await accounts.signIn('Robert"); DROP TABLE operators;--', 'x')).to.deep.equal({ ok: false, reason: 'wrong' });
  });

  it('spends on an unknown user about the time a wrong password costs (production hashes)', async () => {
    const production = operatorAccounts(temp.store.db, clock.now, { productionHashes: true });
    await production.setAccount('victor', 'viewer', 'victor-viewer-pass', 'test');
    const timed = async (username: string) => {
      const started = performance.now();
      expect(await production.signIn(username, 'not the password')).to.deep.equal({ ok: false, reason: 'wrong' });
      return performance.now() - started;
    };
    const wrongPassword = await timed('victor');
    const unknownUser = await timed('nobody');
    // Without the dummy comparison an unknown user is answered in about a millisecond.
    expect(unknownUser).to.be.greaterThan(wrongPassword / 4);
  });

  it('accepts the username in any case and with spaces around it', async () => {
    expect((await accounts.signIn('  Olivia ', 'correct horse battery')).ok).to.equal(true);
  });

  it('locks the account after consecutive wrong passwords, refuses even the right one, and opens again after the lock', async () => {
    expect(await accounts.signIn('olivia', 'wrong 1')).to.deep.equal({ ok: false, reason: 'wrong' });
    expect(await accounts.signIn('olivia', 'wrong 2')).to.deep.equal({ ok: false, reason: 'wrong' });
    const until = new Date('2026-11-20T02:15:00Z');
    expect(await accounts.signIn('olivia', 'wrong 3')).to.deep.equal({ ok: false, reason: 'locked', until });
    expect(await accounts.signIn('olivia', 'correct horse battery')).to.deep.equal({ ok: false, reason: 'locked', until });
    clock.advanceMinutes(14);
    expect(await accounts.signIn('olivia', 'correct horse battery')).to.deep.equal({ ok: false, reason: 'locked', until });
    clock.advanceMinutes(1);
    expect((await accounts.signIn('olivia', 'correct horse battery')).ok).to.equal(true);
  });

  it('counts only consecutive failures: a success starts the count afresh', async () => {
    await accounts.signIn('olivia', 'wrong 1');
    await accounts.signIn('olivia', 'wrong 2');
    expect((await accounts.signIn('olivia', 'correct horse battery')).ok).to.equal(true);
    expect(await accounts.signIn('olivia', 'wrong 3')).to.deep.equal({ ok: false, reason: 'wrong' });
    expect(await accounts.signIn('olivia', 'wrong 4')).to.deep.equal({ ok: false, reason: 'wrong' });
  });

  it('ends a session on sign-out, and every session when the password is reset', async () => {
    const first = await accounts.signIn('olivia', 'correct horse battery');
    const second = await accounts.signIn('olivia', 'correct horse battery');
    if (!first.ok || !second.ok) throw new Error('refused');
    await accounts.signOut(first.token);
    expect(await accounts.session(first.token)).to.equal(null);
    expect(await accounts.session(second.token)).not.to.equal(null);
    await accounts.setAccount('olivia', 'viewer', 'a brand new password', 'test');
    expect(await accounts.session(second.token)).to.equal(null);
    expect(await accounts.signIn('olivia', 'correct horse battery')).to.deep.equal({ ok: false, reason: 'wrong' });
    const again = await accounts.signIn('olivia', 'a brand new password');
    expect(again.ok && again.operator.role).to.equal('viewer');
  });

  it('refuses tokens that are not its own without looking them up', async () => {
    for (const token of ['', 'x', 'a'.repeat(43) + '=', '../../etc/passwd']) expect(await accounts.session(token)).to.equal(null);
  });

  it('refuses bad usernames and short or too long passwords when creating an account', async () => {
    for (const [username, password] of [['Olivia', 'long enough password'], ['o', 'long enough password'], ['olga', 'short'], ['olga', '密'.repeat(30)]] as const) {
      await accounts.setAccount(username, 'viewer', password, 'test').then(
        () => expect.fail(`accepted ${username} / ${password}`),
        (error: Error) => expect(error).to.be.instanceOf(RangeError),
      );
    }
  });
});
