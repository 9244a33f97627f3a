import type Database from 'better-sqlite3';
import type { Alert, AlertChanges, AlertDetails, AlertKind, AlertStore, ClaimedAlert } from '../../bot/operations/alert-store.js';

interface AlertRow {
  id: number;
  key: string;
  kind: AlertKind;
  message: string;
  details_json: string;
  raised_at: string;
  last_seen_at: string;
  cleared_at: string | null;
  claimed_at: string | null;
  published_at: string | null;
}

/**
 * The alerts table (migrations 5 and 6) on the store's connection. Publishing follows the alert's
 * latest state: published_at is for that state, and clearing resets it (and the claim), so the
 * clear is published too and a publisher still busy with the raise cannot mark the clear as done.
 */
export class SqliteAlertStore implements AlertStore {
  private readonly sql;
  private readonly applyChanges;

  constructor(db: Database.Database) {
    this.sql = {
      open: db.prepare<[], AlertRow>('SELECT * FROM alerts WHERE cleared_at IS NULL ORDER BY raised_at, id'),
      between: db.prepare<[string, string, number], AlertRow>(
        `SELECT * FROM alerts WHERE raised_at < ? AND (cleared_at IS NULL OR cleared_at >= ?)
         ORDER BY raised_at DESC, id DESC LIMIT ?`,
      ),
      // OR IGNORE: the partial unique index keeps one open alert per key.
      raise: db.prepare<[string, string, string, string, string, string], AlertRow>(
        `INSERT OR IGNORE INTO alerts (key, kind, message, details_json, raised_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
      ),
      seen: db.prepare<[string, number]>('UPDATE alerts SET last_seen_at = ? WHERE id = ? AND cleared_at IS NULL'),
      refresh: db.prepare<[string, string, number]>('UPDATE alerts SET message = ?, details_json = ? WHERE id = ? AND cleared_at IS NULL'),
      clear: db.prepare<[string, number], AlertRow>(
        `UPDATE alerts SET cleared_at = ?, claimed_at = NULL, published_at = NULL WHERE id = ? AND cleared_at IS NULL RETURNING *`,
      ),
      claim: db.prepare<[string, string, number], AlertRow>(
        `UPDATE alerts SET claimed_at = ?
         WHERE id IN (
           SELECT id FROM alerts WHERE published_at IS NULL AND (claimed_at IS NULL OR claimed_at < ?) ORDER BY id LIMIT ?)
         RETURNING *`,
      ),
      published: db.prepare<[string, number, string]>('UPDATE alerts SET published_at = ? WHERE id = ? AND claimed_at = ?'),
    };
    this.applyChanges = db.transaction((changes: AlertChanges, at: string) => {
      const raised: Alert[] = [];
      const cleared: Alert[] = [];
      for (const { key, kind, message, details } of changes.raise) {
        const row = this.sql.raise.get(key, kind, message, JSON.stringify(details), at, at);
        if (row) raised.push(alertFromRow(row));
      }
      for (const id of changes.seen) this.sql.seen.run(at, id);
      for (const { id, draft } of changes.refresh) this.sql.refresh.run(draft.message, JSON.stringify(draft.details), id);
      for (const id of changes.clear) {
        const row = this.sql.clear.get(at, id);
        if (row) cleared.push(alertFromRow(row));
      }
      return { raised, cleared };
    });
  }

  async open(): Promise<Alert[]> {
    return this.sql.open.all().map(alertFromRow);
  }

  async between(from: string, to: string, limit: number): Promise<Alert[]> {
    return this.sql.between.all(to, from, limit).map(alertFromRow);
  }

  async apply(changes: AlertChanges, at: string): Promise<{ raised: Alert[]; cleared: Alert[] }> {
    return this.applyChanges.immediate(changes, at);
  }

  async claimUnpublished(now: string, claimedBefore: string, limit: number): Promise<ClaimedAlert[]> {
    // RETURNING gives no order guarantee: oldest alert first.
    return this.sql.claim.all(now, claimedBefore, limit)
      .sort((a, b) => a.id - b.id)
      .map(row => ({ alert: alertFromRow(row), claimedAt: now }));
  }

  async markPublished(claimed: ClaimedAlert, at: string): Promise<void> {
    this.sql.published.run(at, claimed.alert.id, claimed.claimedAt);
  }
}

function alertFromRow(row: AlertRow): Alert {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    message: row.message,
    details: JSON.parse(row.details_json) as AlertDetails,
    raisedAt: row.raised_at,
    lastSeenAt: row.last_seen_at,
    clearedAt: row.cleared_at,
  };
}
