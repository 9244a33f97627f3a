/**
 * Every change made through the operations console or its accounts, and who made it: opening,
 * notifying and closing crises, applying rules, signing in and out, accounts created or reset.
 * A closed list, so a new kind of change is a decision and the console can name each one.
 */
export const AUDIT_ACTIONS = [
  'crisis.opened',
  'crisis.notified',
  'crisis.closed',
  'rules.applied',
  'session.signed_in',
  'session.sign_in_failed',
  'session.locked_out',
  'session.signed_out',
  'account.created',
  'account.reset',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** The operator's username; for a failed sign-in, the username typed; `returnbot` or `shell:<user>` off the console. */
  who: string;
  what: AuditAction;
  /** What it was done to: a crisis id, a rules version, a username. */
  subject: string;
  /** A few facts beside the subject (scope, versions, role), stored as JSON. Never a password, token or hash. */
  details: Readonly<Record<string, unknown>>;
  /** ISO instant. */
  at: string;
}

export interface AuditRecord extends AuditEntry {
  id: number;
}

export interface AuditFilter {
  /** Half-open [from, to), ISO instants. */
  from: string;
  to: string;
  who?: string;
  what?: AuditAction;
  limit: number;
  offset: number;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter): Promise<AuditRecord[]>;
}
