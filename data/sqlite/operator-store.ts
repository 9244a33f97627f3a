import type Database from 'better-sqlite3';
import type { OperatorAccount, OperatorStore, StoredSession } from '../../bot/operations/operator-store.js';
import type { OperatorRole } from '../../bot/operations/operators.js';

interface OperatorRow {
  username: string;
  password_hash: string;
  role: OperatorRole;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
}

/** Operators and their sessions (migration 5) on the store's connection. */
export class SqliteOperatorStore implements OperatorStore {
  private readonly sql;
  private readonly replaceAccount;

  constructor(db: Database.Database) {
    this.sql = {
      account: db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE username = ?'),
      hasAccounts: db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM operators)').pluck(),
      upsert: db.prepare<[string, string, string, string]>(
        `INSERT INTO operators (username, password_hash, role, failed_attempts, locked_until, created_at) VALUES (?, ?, ?, 0, NULL, ?)
         ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, failed_attempts = 0, locked_until = NULL`,
      ),
      endSessionsOf: db.prepare<[string]>('DELETE FROM operator_sessions WHERE username = ?'),
      failure: db.prepare<[string], number>('UPDATE operators SET failed_attempts = failed_attempts + 1 WHERE username = ? RETURNING failed_attempts').pluck(),
      lock: db.prepare<[string, string]>('UPDATE operators SET locked_until = ?, failed_attempts = 0 WHERE username = ?'),
      clear: db.prepare<[string]>('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE username = ?'),
      addSession: db.prepare<[string, string, string, string]>('INSERT INTO operator_sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      session: db.prepare<[string], { username: string; role: OperatorRole; expires_at: string }>(
        'SELECT s.username, o.role, s.expires_at FROM operator_sessions s JOIN operators o ON o.username = s.username WHERE s.token_hash = ?',
      ),
      removeSession: db.prepare<[string]>('DELETE FROM operator_sessions WHERE token_hash = ?'),
      removeExpired: db.prepare<[string]>('DELETE FROM operator_sessions WHERE expires_at <= ?'),
    };
    // A new password ends the sessions opened with the old one.
    this.replaceAccount = db.transaction((account: { username: string; passwordHash: string; role: OperatorRole; createdAt: string }) => {
      this.sql.upsert.run(account.username, account.passwordHash, account.role, account.createdAt);
      this.sql.endSessionsOf.run(account.username);
    });
  }

  async account(username: string): Promise<OperatorAccount | undefined> {
    const row = this.sql.account.get(username);
    return row && {
      username: row.username,
      passwordHash: row.password_hash,
      role: row.role,
      failedAttempts: row.failed_attempts,
      lockedUntil: row.locked_until,
      createdAt: row.created_at,
    };
  }

  async hasAccounts(): Promise<boolean> {
    return this.sql.hasAccounts.get() === 1;
  }

  async putAccount(account: { username: string; passwordHash: string; role: OperatorRole; createdAt: string }): Promise<void> {
    this.replaceAccount(account);
  }

  async recordFailure(username: string): Promise<number> {
    return this.sql.failure.get(username) ?? 0;
  }

  async lock(username: string, until: string): Promise<void> {
    this.sql.lock.run(until, username);
  }

  async clearFailures(username: string): Promise<void> {
    this.sql.clear.run(username);
  }

  async addSession(session: { tokenHash: string; username: string; createdAt: string; expiresAt: string }): Promise<void> {
    this.sql.addSession.run(session.tokenHash, session.username, session.createdAt, session.expiresAt);
  }

  async session(tokenHash: string): Promise<StoredSession | undefined> {
    const row = this.sql.session.get(tokenHash);
    return row && { username: row.username, role: row.role, expiresAt: row.expires_at };
  }

  async removeSession(tokenHash: string): Promise<void> {
    this.sql.removeSession.run(tokenHash);
  }

  async removeSessionsExpiredBy(at: string): Promise<void> {
    this.sql.removeExpired.run(at);
  }
}
