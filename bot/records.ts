/**
 * Plain records the engine reads and writes through the `Store`. Serializable, keyed by ids.
 */
import type { CustomerTier, Decision, Outcome, ProductCategory, Reason } from '../policies/types.js';
import type { DeskEvent, Escalation } from './desk.js';
import type { Lang, Outbound } from './messages.js';

export interface Customer {
  id: string;
  name: string;
  phone: string;
  tier: CustomerTier;
}

export interface Product {
  sku: string;
  category: ProductCategory;
  names: Record<Lang, string>;
  /** Other words customers use for it (小米 / millet / 小米米), any script. */
  aliases: string[];
}

export interface OrderLine {
  line: number;
  sku: string;
  quantity: number;
  unitPriceCents: number;
  batchId: string | null;
  supplierId: string | null;
  product: Product;
}

export interface Order {
  id: string;
  customerId: string;
  /** Phone number the order was placed with; its last 4 digits prove ownership. */
  phone: string;
  placedAt: string;
  /** ISO instant signed for; null while not delivered. */
  deliveredAt: string | null;
  lines: OrderLine[];
}

/** Where a case stands in its lifecycle (bot/lifecycle/transitions.ts says which step may follow which). */
export type CaseStatus =
  | 'awaiting_person'
  | 'approved'
  | 'refused'
  | 'awaiting_parcel'
  | 'parcel_in_transit'
  | 'parcel_received'
  | 'inspection_passed'
  | 'inspection_failed'
  | 'refunded'
  | 'replacement_shipped'
  | 'closed'
  | 'cancelled';

export interface CaseRecord {
  id: string;
  conversationId: string;
  channel: string;
  userId: string;
  lang: Lang;
  customerId: string;
  orderId: string;
  line: number;
  sku: string;
  quantity: number;
  reason: Reason;
  description: string;
  outcome: Outcome | null;
  status: CaseStatus;
  decision: Decision;
  photoIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface CaseEvent {
  caseId: string;
  from: CaseStatus | null;
  to: CaseStatus;
  actor: 'customer' | 'bot' | 'agent' | 'warehouse' | 'courier' | 'system';
  note: string;
  at: string;
}

/** A photo kept as evidence: the file lives on disk named by its sha256. */
export interface PhotoRecord {
  id: string; // sha256 hex
  mime: string;
  bytes: number;
  conversationId: string;
  createdAt: string;
}

/** Stored conversation: explicit dialog state (no replay log), versioned for optimistic writes. */
export interface ConversationRecord {
  id: string;
  channel: string;
  userId: string;
  /** 0 for a conversation never stored; each save increments it. */
  version: number;
  /** Customer proven to own an order from this contact (order number + phone digits). */
  customerId: string | null;
  state: unknown;
  updatedAt: string;
}

/** A new or changed case written in the same transaction as the turn. */
export type CaseWrite =
  | { kind: 'create'; record: CaseRecord; event: CaseEvent }
  | { kind: 'transition'; caseId: string; to: CaseStatus; patch: Partial<Pick<CaseRecord, 'outcome' | 'decision'>>; event: CaseEvent }
  | { kind: 'feedback'; caseId: string; score: number; comment: string | null; at: string };

/** Everything one turn changes, written atomically before any reply leaves. */
export interface TurnWrite {
  /** Idempotency key; absent for turns not started by a customer (agent, timer, close). */
  inbound?: { channel: string; messageId: string; text: string; attachmentCount: number };
  /** Idempotency key of an agent's action (a desk event or button id): recorded, never redone. */
  actionKey?: { channel: string; messageId: string };
  conversation: ConversationRecord;
  /** Version read at load; the write is refused if another writer saved in between. */
  expectedVersion: number;
  replies: Outbound[];
  cases: CaseWrite[];
  /** Hand-overs created or changed by the turn (written whole). */
  escalations?: Escalation[];
  /** Durable timers to set (each fires once, after `dueAt`, even across restarts). */
  timers?: TimerWrite[];
  /** What the agent desk must show, stored with the change and published at least once. */
  deskEvents?: { escalationId: string; event: DeskEvent }[];
  at: string;
}

export type TimerKind = 'refund_due' | 'parcel_reminder' | 'photos_reminder';

/** A timer set by a turn; `subject` is what it is about (a case id, a conversation id). */
export interface TimerWrite {
  kind: TimerKind;
  subject: string;
  dueAt: string;
}

export interface DueTimer extends TimerWrite {
  id: number;
}

export type StoredMessage = {
  id: number;
  conversationId: string;
  direction: 'in' | 'out';
  text: string;
  payload: Outbound | null;
  at: string;
};
