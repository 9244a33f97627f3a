/** SQL of hand-overs and the desk outbox, prepared once per connection. */
import type Database from 'better-sqlite3';
import type { Escalation } from '../../bot/desk.js';

export interface EscalationRow {
  record_json: string;
}

/** What upsertEscalation writes: the record, with the columns the desk and the SLA watch look it up by. */
export interface EscalationWriteRow {
  id: string;
  conversation_id: string;
  status: string;
  desk_channel: string | null;
  desk_ts: string | null;
  record_json: string;
  updated_at: string;
}

export function escalationToRow(escalation: Escalation, updatedAt: string): EscalationWriteRow {
  return {
    id: escalation.id,
    conversation_id: escalation.conversationId,
    status: escalation.status,
    desk_channel: escalation.deskRef?.channel ?? null,
    desk_ts: escalation.deskRef?.ts ?? null,
    record_json: JSON.stringify(escalation),
    updated_at: updatedAt,
  };
}

export function escalationFromRow(row: EscalationRow): Escalation {
  return JSON.parse(row.record_json) as Escalation;
}

export interface PhotoRow {
  sha256: string;
  mime: string;
  bytes: number;
  conversation_id: string;
  path: string;
  created_at: string;
}

export type EscalationStatements = ReturnType<typeof prepareEscalationStatements>;

export function prepareEscalationStatements(db: Database.Database) {
  return {
    upsertEscalation: db.prepare<[EscalationWriteRow]>(
      `INSERT INTO escalations (id, conversation_id, status, desk_channel, desk_ts, record_json, updated_at)
       VALUES (@id, @conversation_id, @status, @desk_channel, @desk_ts, @record_json, @updated_at)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, desk_channel = excluded.desk_channel,
         desk_ts = excluded.desk_ts, record_json = excluded.record_json, updated_at = excluded.updated_at`,
    ),
    escalationById: db.prepare<[string], EscalationRow>('SELECT record_json FROM escalations WHERE id = ?'),
    openEscalationOf: db.prepare<[string], EscalationRow>(
      `SELECT record_json FROM escalations WHERE conversation_id = ? AND status IN ('waiting', 'claimed')
       ORDER BY updated_at DESC LIMIT 1`,
    ),
    escalationByDeskRef: db.prepare<[string, string], EscalationRow>(
      'SELECT record_json FROM escalations WHERE desk_channel = ? AND desk_ts = ?',
    ),
    openEscalations: db.prepare<[], EscalationRow>(
      `SELECT record_json FROM escalations WHERE status IN ('waiting', 'claimed') ORDER BY id`,
    ),
    insertDeskEvent: db.prepare<[string, string, string]>(
      'INSERT INTO desk_outbox (escalation_id, event_json, created_at) VALUES (?, ?, ?)',
    ),
    claimDeskEvents: db.prepare<[string, string, number], { id: number; event_json: string }>(
      `UPDATE desk_outbox SET claimed_at = ?
       WHERE id IN (
         SELECT id FROM desk_outbox
         WHERE published_at IS NULL AND (claimed_at IS NULL OR claimed_at < ?)
         ORDER BY id LIMIT ?)
       RETURNING id, event_json`,
    ),
    markDeskEventsPublished: db.prepare<[string, string]>(
      `UPDATE desk_outbox SET published_at = ?
       WHERE id IN (SELECT value FROM json_each(?)) AND published_at IS NULL`,
    ),
    photoById: db.prepare<[string], PhotoRow>('SELECT * FROM photos WHERE sha256 = ?'),
    lastMessages: db.prepare<[string, number], { id: number }>(
      'SELECT id FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?',
    ),
  };
}
