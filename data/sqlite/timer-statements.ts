/** SQL of durable timers and of a case's history, prepared once per connection. */
import type Database from 'better-sqlite3';
import type { TimerKind } from '../../bot/records.js';
import type { CaseEventRow } from './rows.js';

export interface TimerRow {
  id: number;
  kind: TimerKind;
  subject: string;
  due_at: string;
}

export type TimerStatements = ReturnType<typeof prepareTimerStatements>;

export function prepareTimerStatements(db: Database.Database) {
  return {
    // DO NOTHING: a (subject, kind) still pending keeps its first timer; NOT NULL is never skipped.
    insertTimer: db.prepare<[{ kind: string; subject: string; due_at: string; created_at: string }]>(
      `INSERT INTO timers (kind, subject, due_at, created_at) VALUES (@kind, @subject, @due_at, @created_at)
       ON CONFLICT DO NOTHING`,
    ),
    // One statement selects and claims, so two wheels can never take the same timer.
    claimDueTimers: db.prepare<[{ now: string; claimed_before: string; limit: number }], TimerRow>(
      `UPDATE timers SET claimed_at = @now
       WHERE id IN (
         SELECT id FROM timers
         WHERE fired_at IS NULL AND due_at <= @now AND (claimed_at IS NULL OR claimed_at < @claimed_before)
         ORDER BY due_at, id LIMIT @limit)
       RETURNING id, kind, subject, due_at`,
    ),
    pendingTimersOf: db.prepare<[string], TimerRow>(
      `SELECT id, kind, subject, due_at FROM timers WHERE subject = ? AND fired_at IS NULL ORDER BY due_at, id`,
    ),
    markTimerFired: db.prepare<[string, number]>(
      'UPDATE timers SET fired_at = ? WHERE id = ? AND fired_at IS NULL',
    ),
    caseEvents: db.prepare<[string], CaseEventRow>(
      'SELECT case_id, from_status, to_status, actor, note, at FROM case_events WHERE case_id = ? ORDER BY id',
    ),
  };
}
