import type { OperatorRole } from './operators.js';

export interface OperatorAccount {
  username: string;
  passwordHash: string;
  role: OperatorRole;
  /** Failed sign-ins since the last success or lock. */
  failedAttempts: number;
  /** ISO instant; sign-in is refused before it. */
  lockedUntil: string | null;
  createdAt: string;
}

export interface StoredSession {
  username: string;
  role: OperatorRole;
  expiresAt: string;
}

/** Operators' accounts and sessions. Sessions are keyed by a hash of their token, never the token. */
export interface OperatorStore {
  account(username: string): Promise<OperatorAccount | undefined>;
  hasAccounts(): Promise<boolean>;
  /** Creates the account or replaces its password and role; clears failures and lock and ends its sessions. */
  putAccount(account: { username: string; passwordHash: string; role: OperatorRole; createdAt: string }): Promise<void>;
  /** Counts one more failed sign-in and returns the new count. */
  recordFailure(username: string): Promise<number>;
  /** Locks the account until then and starts the count of failures afresh. */
  lock(username: string, until: string): Promise<void>;
  clearFailures(username: string): Promise<void>;
  addSession(session: { tokenHash: string; username: string; createdAt: string; expiresAt: string }): Promise<void>;
  session(tokenHash: string): Promise<StoredSession | undefined>;
  removeSession(tokenHash: string): Promise<void>;
  removeSessionsExpiredBy(at: string): Promise<void>;
}
