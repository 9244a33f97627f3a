/** Temporary stores and minimal records for the data-layer tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CaseEvent, CaseRecord, CaseStatus, ConversationRecord, TurnWrite } from '../../bot/records.js';
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from '../../data/sqlite/sqlite-store.js';
import type { Decision } from '../../policies/types.js';

export const AT = '2026-11-22T02:00:00.000Z';

export interface TempStore {
  store: SqliteStore;
  dir: string;
  /** Closes the store and deletes its folder. */
  dispose(): Promise<void>;
}

export async function openTempStore(options: Omit<SqliteStoreOptions, 'dataDir'> = {}): Promise<TempStore> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'returnbot-data-'));
  const store = await openSqliteStore({ ...options, dataDir: dir });
  return {
    store,
    dir,
    async dispose() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function conversation(userId = 'u1', state: unknown = { step: 'start' }): ConversationRecord {
  return { id: `web:${userId}`, channel: 'web', userId, version: 0, customerId: null, state, updatedAt: AT };
}

/** A customer turn on `web:u1` answering with one message, unless told otherwise. */
export function turn(options: Partial<TurnWrite> & { messageId?: string } = {}): TurnWrite {
  const { messageId = 'm1', ...rest } = options;
  return {
    inbound: { channel: 'web', messageId, text: '小米发霉了', attachmentCount: 0 },
    conversation: conversation(),
    expectedVersion: 0,
    replies: [{ text: '请问订单号是多少?' }],
    cases: [],
    at: AT,
    ...rest,
  };
}

export const DECISION: Decision = {
  outcomes: ['refund', 'exchange'],
  refused: false,
  needsPerson: false,
  returnRequired: false,
  returnShippingPaidBy: null,
  fees: [],
  compensation: null,
  refundCents: 5160,
  reasons: ['window.within', 'quality.unconditional', 'quality.food_no_return'],
};

/** A case on demo order 123456, line 1 (needs the demo data seeded). */
export function caseRecord(id: string, conversationId = 'web:u1'): CaseRecord {
  return {
    id,
    conversationId,
    channel: 'web',
    userId: 'u1',
    lang: 'zh-Hans',
    customerId: 'C001',
    orderId: '123456',
    line: 1,
    sku: 'MILLET-500',
    quantity: 2,
    reason: 'quality',
    description: '小米发霉',
    outcome: null,
    status: 'approved',
    decision: DECISION,
    photoIds: [],
    createdAt: AT,
    updatedAt: AT,
  };
}

export function caseEvent(caseId: string, from: CaseStatus | null, to: CaseStatus, at = AT): CaseEvent {
  return { caseId, from, to, actor: 'bot', note: `${from ?? 'new'} → ${to}`, at };
}

/** Row counts of the tables a turn writes, to prove that a failed turn wrote nothing. */
export function turnTableCounts(store: SqliteStore): Record<string, number> {
  const tables = ['conversations', 'handled_messages', 'messages', 'outbox', 'cases', 'case_events'];
  return Object.fromEntries(
    tables.map((table) => [table, store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]),
  );
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
