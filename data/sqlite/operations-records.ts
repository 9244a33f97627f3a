import type Database from 'better-sqlite3';
import type { Escalation } from '../../bot/desk.js';
import type { Batch, OperationsRecords, Supplier } from '../../bot/operations/ops-records.js';
import type { CaseEvent, CaseRecord, Customer, Order } from '../../bot/records.js';
import type { Feedback } from '../../ops/metrics.js';
import { escalationFromRow, type EscalationRow } from './escalation-statements.js';
import {
  caseEventFromRow, caseFromRow, customerFromRow, orderFromRow, orderLineFromRow,
  type CaseEventRow, type CaseRow, type CustomerRow, type OrderLineRow, type OrderRow,
} from './rows.js';

/** Lists of ids travel as one JSON array parameter, read back with json_each: no statement per length. */
const IDS = 'SELECT value FROM json_each(?)';

/** The console's reads on the same SQLite connection as the engine's store (read-only statements). */
export class SqliteOperationsRecords implements OperationsRecords {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      casesCreated: db.prepare<[string, string], CaseRow>('SELECT * FROM cases WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id'),
      ordersDelivered: db.prepare<[string, string], OrderRow>('SELECT * FROM orders WHERE delivered_at >= ? AND delivered_at < ? ORDER BY delivered_at, id'),
      orders: db.prepare<[string], OrderRow>(`SELECT * FROM orders WHERE id IN (${IDS}) ORDER BY id`),
      linesOfOrders: db.prepare<[string], OrderLineRow & { order_id: string }>(
        `SELECT l.order_id, l.line, l.quantity, l.unit_price_cents, l.batch_id, b.supplier_id, p.*
         FROM order_lines l
         JOIN products p ON p.sku = l.sku
         LEFT JOIN batches b ON b.id = l.batch_id
         WHERE l.order_id IN (${IDS})
         ORDER BY l.order_id, l.line`,
      ),
      customers: db.prepare<[string], CustomerRow>(`SELECT * FROM customers WHERE id IN (${IDS}) ORDER BY id`),
      events: db.prepare<[string], CaseEventRow>(`SELECT * FROM case_events WHERE case_id IN (${IDS}) ORDER BY at, id`),
      feedback: db.prepare<[string], { case_id: string; score: number; comment: string | null; at: string }>(
        `SELECT case_id, score, comment, at FROM case_feedback WHERE case_id IN (${IDS}) ORDER BY at, id`,
      ),
      escalations: db.prepare<[string], EscalationRow>(
        `SELECT e.record_json FROM escalations e JOIN cases c ON c.conversation_id = e.conversation_id
         WHERE c.id IN (${IDS}) GROUP BY e.id ORDER BY e.id`,
      ),
      suppliers: db.prepare<[], { id: string; name: string; name_en: string }>('SELECT * FROM suppliers ORDER BY id'),
      batches: db.prepare<[], { id: string; sku: string; supplier_id: string | null }>('SELECT * FROM batches ORDER BY id'),
    };
  }

  async casesCreated(from: string, to: string): Promise<CaseRecord[]> {
    return this.sql.casesCreated.all(from, to).map(caseFromRow);
  }

  async ordersDelivered(from: string, to: string): Promise<Order[]> {
    return this.withLines(this.sql.ordersDelivered.all(from, to));
  }

  async orders(ids: readonly string[]): Promise<Order[]> {
    return this.withLines(this.sql.orders.all(JSON.stringify(ids)));
  }

  async customers(ids: readonly string[]): Promise<Customer[]> {
    return this.sql.customers.all(JSON.stringify(ids)).map(customerFromRow);
  }

  async eventsOfCases(caseIds: readonly string[]): Promise<CaseEvent[]> {
    return this.sql.events.all(JSON.stringify(caseIds)).map(caseEventFromRow);
  }

  async feedbackOfCases(caseIds: readonly string[]): Promise<Feedback[]> {
    return this.sql.feedback.all(JSON.stringify(caseIds)).map(row => ({ caseId: row.case_id, score: row.score, comment: row.comment, at: row.at }));
  }

  /** Hand-overs of the cases' conversations: an escalation may have been opened before its case existed. */
  async escalationsOfCases(caseIds: readonly string[]): Promise<Escalation[]> {
    return this.sql.escalations.all(JSON.stringify(caseIds)).map(escalationFromRow);
  }

  async suppliers(): Promise<Supplier[]> {
    return this.sql.suppliers.all().map(row => ({ id: row.id, name: row.name, nameEn: row.name_en }));
  }

  async batches(): Promise<Batch[]> {
    return this.sql.batches.all().map(row => ({ id: row.id, sku: row.sku, supplierId: row.supplier_id }));
  }

  private withLines(rows: OrderRow[]): Order[] {
    const lines = new Map<string, Order['lines']>();
    for (const row of this.sql.linesOfOrders.all(JSON.stringify(rows.map(r => r.id)))) {
      lines.set(row.order_id, [...(lines.get(row.order_id) ?? []), orderLineFromRow(row)]);
    }
    return rows.map(row => orderFromRow(row, lines.get(row.id) ?? []));
  }
}
