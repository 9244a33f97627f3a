import type { SqliteStore } from '../sqlite/sqlite-store.js';
import { escalationToRow, prepareEscalationStatements } from '../sqlite/escalation-statements.js';
import { caseToRow, eventRow } from '../sqlite/rows.js';
import { prepareStatements } from '../sqlite/statements.js';
import { demoHistory, type DemoHistory } from './history.js';
import { prepareBuyerInserts } from './seed.js';

/**
 * Writes the demo history (history.ts), its shoppers and hand-overs included, into a store that already holds
 * the demo shop (seed.ts), in one transaction, and says whether it did. Only a store without any case gets it:
 * history case ids (RB-<day>-<n>) must not meet live ones, and a second run finds the cases of
 * the first. The day counters are moved past the history so the bot's next case id is free.
 */
export async function seedDemoHistory(store: SqliteStore, now: Date, seed = 42): Promise<boolean> {
  const { db } = store;
  const hasCases = db.prepare('SELECT EXISTS (SELECT 1 FROM cases)').pluck();
  const { insertCustomer, insertOrder, insertLine } = prepareBuyerInserts(db);
  // Version 1 and a null state: the dialog starts afresh should this user ever write again.
  const insertConversation = db.prepare(
    `INSERT INTO conversations (id, channel, user_id, version, customer_id, state_json, updated_at) VALUES (?, ?, ?, 1, ?, 'null', ?)`,
  );
  const { insertCase, insertCaseEvent, insertCaseFeedback } = prepareStatements(db);
  const { upsertEscalation } = prepareEscalationStatements(db);
  const bumpCounter = db.prepare(
    'INSERT INTO case_counters (day, last) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)',
  );

  const write = db.transaction((history: DemoHistory): boolean => {
    if (hasCases.get() === 1) return false;
    for (const c of history.customers) insertCustomer.run(c.id, c.name, c.phone, c.tier);
    for (const order of history.orders) {
      insertOrder.run(order.id, order.customerId, order.phone, order.placedAt, order.deliveredAt);
      for (const l of order.lines) insertLine.run(order.id, l.line, l.sku, l.quantity, l.unitPriceCents, l.batchId);
    }
    for (const c of history.conversations) insertConversation.run(c.id, c.channel, c.userId, c.customerId, c.updatedAt);
    const counters = new Map<string, number>();
    for (const record of history.cases) {
      insertCase.run(caseToRow(record));
      const [, day, number] = record.id.split('-');
      counters.set(day!, Math.max(counters.get(day!) ?? 0, Number(number)));
    }
    for (const event of history.events) insertCaseEvent.run(eventRow(event));
    for (const { escalation, updatedAt } of history.escalations) upsertEscalation.run(escalationToRow(escalation, updatedAt));
    for (const f of history.feedback) insertCaseFeedback.run(f.caseId, f.score, f.comment, f.at);
    for (const [day, last] of counters) bumpCounter.run(day, last);
    return true;
  });
  // IMMEDIATE: two processes starting on a fresh store must not both find it without cases.
  return write.immediate(demoHistory(now, seed));
}
