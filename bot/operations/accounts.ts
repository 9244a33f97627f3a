import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { AuditAction, AuditLog } from './audit-log.js';
import type { OperatorStore } from './operator-store.js';
import type { OperatorRole, SignedInOperator } from './operators.js';

/** bcrypt's work factor for production hashes (about a quarter of a second each). */
const PASSWORD_COST = 12;

/** Lower-case letters, digits, dot, dash, underscore; 2 to 32 characters. */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

/** bcrypt reads only the first 72 bytes: a longer password would be silently shortened. */
const MAX_PASSWORD_BYTES = 72;
const MIN_PASSWORD_LENGTH = 12;
/**
 * Compared with when the username is unknown, so that the answer takes as long as for a wrong
 * password: a hash of PASSWORD_COST of a random password nobody kept.
 */
const DUMMY_HASH = '$2b$12$q5s6tMz.xCSxyqCMMIdEsORLcHNb4shQ/TwMSbITsRw1CuN632Dom';
/** 32 random bytes in base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type SignInResult =
  | { ok: true; token: string; operator: SignedInOperator; expiresAt: Date }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked'; until: Date };

export interface OperatorAccountsOptions {
  store: OperatorStore;
  clock: () => Date;
  sessionHours: number;
  /** After `attempts` consecutive wrong passwords the account refuses every sign-in for `minutes`. */
  lockout: { attempts: number; minutes: number };
  /** Told of every account saved, sign-in (failed or not), lock-out and sign-out. */
  audit: AuditLog;
  /** Tests only: a cheaper bcrypt cost for the hashes they make. Production always uses PASSWORD_COST. */
  insecurePasswordCostForTests?: number;
}

/** Why a username or password cannot be used, or undefined when it can. */
export function accountProblem(username: string, password: string): string | undefined {
  if (!USERNAME.test(username)) return 'the username must be 2 to 32 lower-case letters, digits, ".", "-" or "_", starting with a letter or digit';
  if (password.length < MIN_PASSWORD_LENGTH) return `the password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) return `the password must fit in ${MAX_PASSWORD_BYTES} bytes`;
  return undefined;
}

/** A password nobody chose: 144 random bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Operators' accounts and sessions. Only a bcrypt hash of each password and a sha256 of each
 * session token are stored. An unknown username and a wrong password get the same answer after
 * the same work, so a sign-in form does not tell who has an account. The audit trail does tell
 * (operators may read why sign-ins failed), and holds the username typed but never a password.
 */
export class OperatorAccounts {
  private readonly cost: number;

  constructor(private readonly options: OperatorAccountsOptions) {
    this.cost = options.insecurePasswordCostForTests ?? PASSWORD_COST;
  }

  async hasAccounts(): Promise<boolean> {
    return this.options.store.hasAccounts();
  }

  /**
   * Creates the account, or gives it a new password and role (ending its sessions). `by` is who
   * asked, for the audit trail: `returnbot` at first start, `shell:<user>` from the command line.
   */
  async setAccount(username: string, role: OperatorRole, password: string, by: string): Promise<void> {
    const problem = accountProblem(username, password);
    if (problem) throw new RangeError(problem);
    const passwordHash = await bcrypt.hash(password, this.cost);
    const before = await this.options.store.account(username);
    const at = this.options.clock();
    await this.options.store.putAccount({ username, passwordHash, role, createdAt: at.toISOString() });
    const details = before ? { role, previousRole: before.role } : { role };
    await this.audit(by, before ? 'account.reset' : 'account.created', username, details, at);
  }

  async signIn(typedUsername: string, password: string): Promise<SignInResult> {
    const { store, clock, lockout } = this.options;
    const username = typedUsername.trim().toLowerCase();
    const account = USERNAME.test(username) ? await store.account(username) : undefined;
    const now = clock();
    // Who tried is whatever was typed: the audit trail keeps it, trimmed and lower-cased like the lookup.
    const failed = (details: Record<string, unknown>) => this.audit(username, 'session.sign_in_failed', username, details, now);
    if (!account) {
      await bcrypt.compare(password, DUMMY_HASH);
      await failed({ reason: 'unknown_username' });
      return { ok: false, reason: 'wrong' };
    }
    if (account.lockedUntil && new Date(account.lockedUntil) > now) {
      await failed({ reason: 'locked', lockedUntil: account.lockedUntil });
      return { ok: false, reason: 'locked', until: new Date(account.lockedUntil) };
    }
    if (!(await bcrypt.compare(password, account.passwordHash))) {
      const failures = await store.recordFailure(username);
      if (failures < lockout.attempts) {
        await failed({ reason: 'wrong_password', failures });
        return { ok: false, reason: 'wrong' };
      }
      const until = new Date(now.getTime() + lockout.minutes * 60_000);
      await store.lock(username, until.toISOString());
      await this.audit(username, 'session.locked_out', username, { failures, lockedUntil: until.toISOString() }, now);
      return { ok: false, reason: 'locked', until };
    }
    if (account.failedAttempts > 0 || account.lockedUntil) await store.clearFailures(username);
    await store.removeSessionsExpiredBy(now.toISOString());
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.options.sessionHours * 3_600_000);
    await store.addSession({ tokenHash: sha256(token), username, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
    await this.audit(username, 'session.signed_in', username, { role: account.role, expiresAt: expiresAt.toISOString() }, now);
    return { ok: true, token, operator: { username, role: account.role }, expiresAt };
  }

  /** The operator of a session token, or null when it is unknown, ended or expired. */
  async session(token: string): Promise<SignedInOperator | null> {
    if (!TOKEN.test(token)) return null;
    const tokenHash = sha256(token);
    const session = await this.options.store.session(tokenHash);
    if (!session) return null;
    if (new Date(session.expiresAt) <= this.options.clock()) {
      await this.options.store.removeSession(tokenHash);
      return null;
    }
    return { username: session.username, role: session.role };
  }

  async signOut(token: string): Promise<void> {
    if (!TOKEN.test(token)) return;
    const tokenHash = sha256(token);
    const session = await this.options.store.session(tokenHash);
    if (!session) return;
    await this.options.store.removeSession(tokenHash);
    await this.audit(session.username, 'session.signed_out', session.username, {}, this.options.clock());
  }

  private audit(who: string, what: AuditAction, subject: string, details: Record<string, unknown>, at: Date): Promise<void> {
    return this.options.audit.record({ who, what, subject, details, at: at.toISOString() });
  }
}

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
