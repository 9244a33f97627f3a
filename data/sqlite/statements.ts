/** Every SQL statement of the store, prepared once per connection. */
import type Database from 'better-sqlite3';
import type { CaseEventRow, CaseRow, ConversationRow, CustomerRow, MessageRow, OrderLineRow, OrderRow, OutboxRow, ProductRow } from './rows.js';

export type Statements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Database.Database) {
  return {
    wasHandled: db.prepare<[string, string], 1>(
      'SELECT 1 FROM handled_messages WHERE channel = ? AND message_id = ?',
    ).pluck(),
    // DO NOTHING (not OR IGNORE): only the key's uniqueness may be skipped, never NOT NULL.
    insertHandled: db.prepare<[string, string, string, string]>(
      `INSERT INTO handled_messages (channel, message_id, conversation_id, at) VALUES (?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),

    conversationOf: db.prepare<[string, string], ConversationRow>(
      'SELECT * FROM conversations WHERE channel = ? AND user_id = ?',
    ),
    insertConversation: db.prepare<[ConversationRow]>(
      `INSERT INTO conversations (id, channel, user_id, version, customer_id, state_json, updated_at)
       VALUES (@id, @channel, @user_id, @version, @customer_id, @state_json, @updated_at)
       ON CONFLICT DO NOTHING`,
    ),
    updateConversation: db.prepare<[ConversationRow & { expected_version: number }]>(
      `UPDATE conversations SET version = @version, customer_id = @customer_id, state_json = @state_json,
       updated_at = @updated_at
       WHERE id = @id AND version = @expected_version`,
    ),

    insertMessage: db.prepare<[Omit<MessageRow, 'id'>]>(
      `INSERT INTO messages (conversation_id, direction, text, payload_json, at)
       VALUES (@conversation_id, @direction, @text, @payload_json, @at)`,
    ),
    messagesAfter: db.prepare<[string, number, number], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ?',
    ),

    insertOutbox: db.prepare<[string, string, string, string, string, string]>(
      `INSERT INTO outbox (conversation_id, channel, user_id, payload_json, created_at, claimed_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    // One statement selects and claims, so two dispatchers can never take the same entry.
    claimPending: db.prepare<[string, string, number], OutboxRow>(
      `UPDATE outbox SET claimed_at = ?
       WHERE id IN (
         SELECT id FROM outbox
         WHERE delivered_at IS NULL AND (claimed_at IS NULL OR claimed_at < ?)
         ORDER BY id LIMIT ?)
       RETURNING id, channel, user_id, payload_json`,
    ),
    markDelivered: db.prepare<[string, string]>(
      `UPDATE outbox SET delivered_at = ?
       WHERE id IN (SELECT value FROM json_each(?)) AND delivered_at IS NULL`,
    ),

    orderById: db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?'),
    linesOfOrder: db.prepare<[string], OrderLineRow>(
      `SELECT l.line, l.quantity, l.unit_price_cents, l.batch_id, b.supplier_id, p.*
       FROM order_lines l
       JOIN products p ON p.sku = l.sku
       LEFT JOIN batches b ON b.id = l.batch_id
       WHERE l.order_id = ?
       ORDER BY l.line`,
    ),
    customerById: db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE id = ?'),
    allProducts: db.prepare<[], ProductRow>('SELECT * FROM products ORDER BY sku'),

    nextCaseNumber: db.prepare<[string], number>(
      `INSERT INTO case_counters (day, last) VALUES (?, 1)
       ON CONFLICT (day) DO UPDATE SET last = last + 1
       RETURNING last`,
    ).pluck(),
    insertCase: db.prepare<[CaseRow]>(
      `INSERT INTO cases (id, conversation_id, channel, user_id, lang, customer_id, order_id, line, sku,
         quantity, reason, description, outcome, status, decision_json, photo_ids_json, created_at, updated_at)
       VALUES (@id, @conversation_id, @channel, @user_id, @lang, @customer_id, @order_id, @line, @sku,
         @quantity, @reason, @description, @outcome, @status, @decision_json, @photo_ids_json, @created_at,
         @updated_at)`,
    ),
    // Flags rather than COALESCE: a patch may set `outcome` back to null.
    transitionCase: db.prepare<[{
      id: string; status: string; updated_at: string;
      set_outcome: 0 | 1; outcome: string | null; set_decision: 0 | 1; decision_json: string | null;
    }]>(
      `UPDATE cases SET status = @status, updated_at = @updated_at,
         outcome = CASE WHEN @set_outcome THEN @outcome ELSE outcome END,
         decision_json = CASE WHEN @set_decision THEN @decision_json ELSE decision_json END
       WHERE id = @id`,
    ),
    insertCaseEvent: db.prepare<[CaseEventRow]>(
      `INSERT INTO case_events (case_id, from_status, to_status, actor, note, at)
       VALUES (@case_id, @from_status, @to_status, @actor, @note, @at)`,
    ),
    insertCaseFeedback: db.prepare<[string, number, string | null, string]>(
      'INSERT INTO case_feedback (case_id, score, comment, at) VALUES (?, ?, ?, ?)',
    ),
    caseById: db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?'),
    casesOfCustomer: db.prepare<[string], CaseRow>(
      'SELECT * FROM cases WHERE customer_id = ? ORDER BY created_at, id',
    ),
    casesOfConversation: db.prepare<[string], CaseRow>(
      'SELECT * FROM cases WHERE conversation_id = ? ORDER BY created_at, id',
    ),

    insertPhoto: db.prepare<[string, string, number, string, string, string]>(
      `INSERT INTO photos (sha256, mime, bytes, conversation_id, path, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (sha256) DO NOTHING`,
    ),
  };
}
