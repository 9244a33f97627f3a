import type Database from 'better-sqlite3';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditFilter, type AuditLog, type AuditRecord } from '../../bot/operations/audit-log.js';

interface EventRow {
  id: number;
  type: AuditAction;
  subject: string;
  payload_json: string;
  at: string;
}

/**
 * The audit trail in the generic `events` table (migration 1): the action is its type, who and
 * the details are its payload. Other kinds of events may share the table, so a list only reads
 * the audit's own types; `events_by_at` serves the period and the order.
 */
export class SqliteAuditLog implements AuditLog {
  private readonly sql;

  constructor(db: Database.Database) {
    const audited = AUDIT_ACTIONS.map(action => `'${action}'`).join(', ');
    this.sql = {
      insert: db.prepare<[string, string, string, string]>('INSERT INTO events (type, subject, payload_json, at) VALUES (?, ?, ?, ?)'),
      list: db.prepare<{ from: string; to: string; who: string | null; what: string | null; limit: number; offset: number }, EventRow>(
        `SELECT * FROM events
         WHERE at >= :from AND at < :to AND type IN (${audited})
           AND (:what IS NULL OR type = :what)
           AND (:who IS NULL OR json_extract(payload_json, '$.who') = :who)
         ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset`,
      ),
    };
  }

  async record({ who, what, subject, details, at }: AuditEntry): Promise<void> {
    this.sql.insert.run(what, subject, JSON.stringify({ who, details }), at);
  }

  async list({ from, to, who, what, limit, offset }: AuditFilter): Promise<AuditRecord[]> {
    return this.sql.list.all({ from, to, who: who ?? null, what: what ?? null, limit, offset }).map(recordFromRow);
  }
}

function recordFromRow(row: EventRow): AuditRecord {
  const { who, details } = JSON.parse(row.payload_json) as Pick<AuditEntry, 'who' | 'details'>;
  return { id: row.id, who, what: row.type, subject: row.subject, details, at: row.at };
}
