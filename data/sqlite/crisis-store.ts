import type Database from 'better-sqlite3';
import type { Lang } from '../../bot/messages.js';
import type { CrisisNotice, CrisisRecord, CrisisStore, CrisisTally, NoticeRecipient, PendingNotice } from '../../bot/operations/crisis-store.js';
import type { CrisisPreset, CrisisScope } from '../../policies/types.js';

interface CrisisRow {
  id: string;
  scope_kind: CrisisScope['kind'];
  scope_value: string;
  preset_json: string;
  notice_json: string;
  opened_by: string;
  opened_at: string;
  closed_by: string | null;
  closed_at: string | null;
}

const LANGS: readonly Lang[] = ['zh-Hans', 'zh-Hant', 'en'];

/** Orders with a line in the scope: `@kind` and `@value` name it. */
const BUYERS_IN_SCOPE = `
  SELECT DISTINCT o.customer_id
  FROM orders o
  JOIN order_lines l ON l.order_id = o.id
  LEFT JOIN batches b ON b.id = l.batch_id
  WHERE (@kind = 'batch' AND l.batch_id = @value)
     OR (@kind = 'product' AND l.sku = @value)
     OR (@kind = 'supplier' AND b.supplier_id = @value)`;

/** The tables `crises` and `crisis_notices` (migration 5) on the store's connection. */
export class SqliteCrisisStore implements CrisisStore {
  private readonly sql;
  private readonly queue;

  constructor(db: Database.Database) {
    this.sql = {
      batchExists: db.prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM batches WHERE id = ?)').pluck(),
      productExists: db.prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM products WHERE sku = ?)').pluck(),
      supplierExists: db.prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM suppliers WHERE id = ?)').pluck(),
      insert: db.prepare<[CrisisRow]>(
        `INSERT INTO crises (id, scope_kind, scope_value, preset_json, notice_json, opened_by, opened_at, closed_by, closed_at)
         VALUES (@id, @scope_kind, @scope_value, @preset_json, @notice_json, @opened_by, @opened_at, @closed_by, @closed_at)`,
      ),
      close: db.prepare<[string, string, string]>('UPDATE crises SET closed_by = ?, closed_at = ? WHERE id = ? AND closed_at IS NULL'),
      find: db.prepare<[string], CrisisRow>('SELECT * FROM crises WHERE id = ?'),
      list: db.prepare<[], CrisisRow>('SELECT * FROM crises ORDER BY opened_at DESC, id DESC'),
      open: db.prepare<[], CrisisRow>('SELECT * FROM crises WHERE closed_at IS NULL ORDER BY opened_at, id'),
      // A customer's last conversation: the channel they are most likely to read now.
      audience: db.prepare<[{ kind: string; value: string }], { id: string; channel: string; user_id: string; customer_id: string }>(
        `SELECT id, channel, user_id, customer_id FROM (
           SELECT c.id, c.channel, c.user_id, c.customer_id,
                  ROW_NUMBER() OVER (PARTITION BY c.customer_id ORDER BY c.updated_at DESC, c.id DESC) AS recency
           FROM conversations c
           WHERE c.customer_id IN (${BUYERS_IN_SCOPE}))
         WHERE recency = 1
         ORDER BY customer_id`,
      ),
      queueNotice: db.prepare<[string, string, string]>(
        'INSERT OR IGNORE INTO crisis_notices (crisis_id, conversation_id, queued_at) VALUES (?, ?, ?)',
      ),
      pending: db.prepare<[number], { crisis_id: string; conversation_id: string; channel: string; user_id: string; lang: string | null; notice_json: string }>(
        `SELECT n.crisis_id, n.conversation_id, c.channel, c.user_id, k.notice_json,
                COALESCE(json_extract(c.state_json, '$.lang'),
                         (SELECT lang FROM cases WHERE conversation_id = c.id ORDER BY created_at DESC, id DESC LIMIT 1)) AS lang
         FROM crisis_notices n
         JOIN crises k ON k.id = n.crisis_id
         JOIN conversations c ON c.id = n.conversation_id
         WHERE n.sent_at IS NULL AND k.closed_at IS NULL
         ORDER BY n.queued_at, n.crisis_id, n.conversation_id
         LIMIT ?`,
      ),
      sent: db.prepare<[string, string, string]>('UPDATE crisis_notices SET sent_at = ? WHERE crisis_id = ? AND conversation_id = ? AND sent_at IS NULL'),
      // No index on the crisis id inside the decision: a scan of the cases, fine at the console's pace.
      cases: db.prepare<[string], { requests: number; units: number; refund_cents: number }>(
        `SELECT COUNT(*) AS requests, COALESCE(SUM(quantity), 0) AS units,
                COALESCE(SUM(CASE WHEN outcome = 'refund' THEN json_extract(decision_json, '$.refundCents') ELSE 0 END), 0) AS refund_cents
         FROM cases WHERE json_extract(decision_json, '$.crisisId') = ?`,
      ),
      notices: db.prepare<[string], { total: number; sent: number }>(
        'SELECT COUNT(*) AS total, COUNT(sent_at) AS sent FROM crisis_notices WHERE crisis_id = ?',
      ),
    };
    this.queue = db.transaction((crisisId: string, conversationIds: readonly string[], at: string): number =>
      conversationIds.reduce((added, conversationId) => added + this.sql.queueNotice.run(crisisId, conversationId, at).changes, 0));
  }

  async scopeExists(scope: CrisisScope): Promise<boolean> {
    const statement = { batch: this.sql.batchExists, product: this.sql.productExists, supplier: this.sql.supplierExists }[scope.kind];
    return statement.get(scope.value) === 1;
  }

  async insert(record: CrisisRecord): Promise<boolean> {
    try {
      this.sql.insert.run(crisisToRow(record));
      return true;
    } catch (error) {
      // The partial unique index: this scope has an open crisis already.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
      throw error;
    }
  }

  async close(id: string, by: string, at: string): Promise<boolean> {
    return this.sql.close.run(by, at, id).changes === 1;
  }

  async find(id: string): Promise<CrisisRecord | null> {
    const row = this.sql.find.get(id);
    return row ? crisisFromRow(row) : null;
  }

  async list(): Promise<CrisisRecord[]> {
    return this.sql.list.all().map(crisisFromRow);
  }

  async open(): Promise<CrisisRecord[]> {
    return this.sql.open.all().map(crisisFromRow);
  }

  async audience(scope: CrisisScope): Promise<NoticeRecipient[]> {
    return this.sql.audience.all({ kind: scope.kind, value: scope.value })
      .map(row => ({ conversationId: row.id, channel: row.channel, userId: row.user_id, customerId: row.customer_id }));
  }

  async queueNotices(crisisId: string, conversationIds: readonly string[], at: string): Promise<number> {
    return this.queue.immediate(crisisId, conversationIds, at);
  }

  async pendingNotices(limit: number): Promise<PendingNotice[]> {
    return this.sql.pending.all(limit).map(row => ({
      crisisId: row.crisis_id,
      conversationId: row.conversation_id,
      channel: row.channel,
      userId: row.user_id,
      lang: LANGS.find(lang => lang === row.lang) ?? 'zh-Hans',
      notice: JSON.parse(row.notice_json) as CrisisNotice,
    }));
  }

  async markNoticeSent(crisisId: string, conversationId: string, at: string): Promise<void> {
    this.sql.sent.run(at, crisisId, conversationId);
  }

  async tally(crisisId: string): Promise<CrisisTally> {
    const cases = this.sql.cases.get(crisisId)!;
    const notices = this.sql.notices.get(crisisId)!;
    return {
      requests: cases.requests,
      units: cases.units,
      refundCents: cases.refund_cents,
      notices: { queued: notices.total - notices.sent, sent: notices.sent, total: notices.total },
    };
  }
}

function crisisToRow(record: CrisisRecord): CrisisRow {
  return {
    id: record.id,
    scope_kind: record.scope.kind,
    scope_value: record.scope.value,
    preset_json: JSON.stringify(record.preset),
    notice_json: JSON.stringify(record.notice),
    opened_by: record.openedBy,
    opened_at: record.openedAt,
    closed_by: record.closedBy,
    closed_at: record.closedAt,
  };
}

function crisisFromRow(row: CrisisRow): CrisisRecord {
  return {
    id: row.id,
    scope: { kind: row.scope_kind, value: row.scope_value },
    preset: JSON.parse(row.preset_json) as CrisisPreset,
    notice: JSON.parse(row.notice_json) as CrisisNotice,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    closedBy: row.closed_by,
    closedAt: row.closed_at,
  };
}
