/**
 * Rows as SQLite returns them, and their translation to the engine's records. Columns holding
 * JSON were written by this store from typed records, so they are read back without re-validation.
 */
import type { CaseEvent, CaseRecord, CaseStatus, ConversationRecord, Customer, Order, OrderLine, Product, StoredMessage } from '../../bot/records.js';
import type { Lang, Outbound } from '../../bot/messages.js';
import type { CustomerTier, Decision, Outcome, ProductCategory, Reason } from '../../policies/types.js';

export interface CustomerRow {
  id: string;
  name: string;
  phone: string;
  tier: CustomerTier;
}

export interface ProductRow {
  sku: string;
  category: ProductCategory;
  name_zh_hans: string;
  name_zh_hant: string;
  name_en: string;
  aliases_json: string;
}

export interface OrderRow {
  id: string;
  customer_id: string;
  phone: string;
  placed_at: string;
  delivered_at: string | null;
}

export interface OrderLineRow extends ProductRow {
  line: number;
  quantity: number;
  unit_price_cents: number;
  batch_id: string | null;
  supplier_id: string | null;
}

export interface ConversationRow {
  id: string;
  channel: string;
  user_id: string;
  version: number;
  customer_id: string | null;
  state_json: string;
  updated_at: string;
}

export interface MessageRow {
  id: number;
  conversation_id: string;
  direction: 'in' | 'out';
  text: string;
  payload_json: string | null;
  at: string;
}

export interface OutboxRow {
  id: number;
  channel: string;
  user_id: string;
  payload_json: string;
}

export interface CaseRow {
  id: string;
  conversation_id: string;
  channel: string;
  user_id: string;
  lang: Lang;
  customer_id: string;
  order_id: string;
  line: number;
  sku: string;
  quantity: number;
  reason: Reason;
  description: string;
  outcome: Outcome | null;
  status: CaseStatus;
  decision_json: string;
  photo_ids_json: string;
  created_at: string;
  updated_at: string;
}

export interface CaseEventRow {
  case_id: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  actor: CaseEvent['actor'];
  note: string;
  at: string;
}

export function customerFromRow(row: CustomerRow): Customer {
  return { id: row.id, name: row.name, phone: row.phone, tier: row.tier };
}

export function productFromRow(row: ProductRow): Product {
  return {
    sku: row.sku,
    category: row.category,
    names: { 'zh-Hans': row.name_zh_hans, 'zh-Hant': row.name_zh_hant, en: row.name_en },
    aliases: JSON.parse(row.aliases_json) as string[],
  };
}

export function orderLineFromRow(row: OrderLineRow): OrderLine {
  return {
    line: row.line,
    sku: row.sku,
    quantity: row.quantity,
    unitPriceCents: row.unit_price_cents,
    batchId: row.batch_id,
    supplierId: row.supplier_id,
    product: productFromRow(row),
  };
}

/** An order from its row and its lines, read by a statement of their own. */
export function orderFromRow(row: OrderRow, lines: OrderLine[]): Order {
  return {
    id: row.id,
    customerId: row.customer_id,
    phone: row.phone,
    placedAt: row.placed_at,
    deliveredAt: row.delivered_at,
    lines,
  };
}

export function conversationFromRow(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    channel: row.channel,
    userId: row.user_id,
    version: row.version,
    customerId: row.customer_id,
    state: JSON.parse(row.state_json) as unknown,
    updatedAt: row.updated_at,
  };
}

/** Inbound rows keep only an attachment count in their payload, which is not an `Outbound`. */
export function messageFromRow(row: MessageRow): StoredMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    text: row.text,
    payload: row.direction === 'out' && row.payload_json !== null ? (JSON.parse(row.payload_json) as Outbound) : null,
    at: row.at,
  };
}

export function caseFromRow(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    channel: row.channel,
    userId: row.user_id,
    lang: row.lang,
    customerId: row.customer_id,
    orderId: row.order_id,
    line: row.line,
    sku: row.sku,
    quantity: row.quantity,
    reason: row.reason,
    description: row.description,
    outcome: row.outcome,
    status: row.status,
    decision: JSON.parse(row.decision_json) as Decision,
    photoIds: JSON.parse(row.photo_ids_json) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function caseToRow(record: CaseRecord): CaseRow {
  return {
    id: record.id,
    conversation_id: record.conversationId,
    channel: record.channel,
    user_id: record.userId,
    lang: record.lang,
    customer_id: record.customerId,
    order_id: record.orderId,
    line: record.line,
    sku: record.sku,
    quantity: record.quantity,
    reason: record.reason,
    description: record.description,
    outcome: record.outcome,
    status: record.status,
    decision_json: JSON.stringify(record.decision),
    photo_ids_json: JSON.stringify(record.photoIds),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export function eventRow(event: CaseEvent): CaseEventRow {
  return {
    case_id: event.caseId,
    from_status: event.from,
    to_status: event.to,
    actor: event.actor,
    note: event.note,
    at: event.at,
  };
}

export function caseEventFromRow(row: CaseEventRow): CaseEvent {
  return { caseId: row.case_id, from: row.from_status, to: row.to_status, actor: row.actor, note: row.note, at: row.at };
}
