/**
 * The back-office port: the systems around the bot (courier, warehouse, finance) report what
 * happens to a case after the chat. Adapters validate and authenticate; the engine applies.
 */
import type { CaseEvent, CaseRecord, CaseStatus } from './records.js';

export type BackofficeScope = 'courier' | 'warehouse' | 'operations';

export type LifecycleEvent =
  | { kind: 'parcel'; status: 'picked_up' | 'in_transit' | 'exception' | 'delivered'; trackingNumber?: string; note?: string }
  | { kind: 'inspection'; result: 'passed' | 'failed'; disposition?: 'restock' | 'factory_repair'; reason?: string; photos: { name: string; data: Buffer }[] }
  | { kind: 'refund'; amountCents: number; reference: string }
  | { kind: 'replacement'; trackingNumber: string; carrier: string };

export type ApplyResult =
  | { ok: true; status: CaseStatus; duplicate: boolean }
  | { ok: false; problem: 'not_found' | 'illegal_transition' | 'invalid'; detail: string };

export interface CaseDetail {
  case: CaseRecord | LogisticsCase;
  history: CaseEvent[];
  pendingTimers: { kind: string; dueAt: string }[];
}

/** What moving the goods needs: no customer, contact, words or photos. */
export type LogisticsCase = Pick<CaseRecord, 'id' | 'status' | 'orderId' | 'line' | 'sku' | 'quantity' | 'reason' | 'outcome' | 'createdAt' | 'updatedAt'> & {
  returnRequired: boolean;
};

/**
 * A case as a caller of `scope` may read it: operations (finance, the shop) see everything;
 * couriers and the warehouse see the logistics of it, so a leaked courier key exposes no
 * customer's description, contact or conversation.
 */
export function caseDetailFor(scope: BackofficeScope, detail: CaseDetail & { case: CaseRecord }): CaseDetail {
  if (scope === 'operations') return detail;
  const { id, status, orderId, line, sku, quantity, reason, outcome, createdAt, updatedAt, decision } = detail.case;
  return {
    case: { id, status, orderId, line, sku, quantity, reason, outcome, createdAt, updatedAt, returnRequired: decision.returnRequired },
    history: detail.history.map(event => ({ ...event, note: event.actor === 'customer' ? '' : event.note })),
    pendingTimers: detail.pendingTimers,
  };
}

export interface BackofficeActions {
  /** Applies one reported event to a case, once per `eventId` (a repeat answers `duplicate`). */
  apply(caseId: string, event: LifecycleEvent, actor: BackofficeScope, eventId: string): Promise<ApplyResult>;
  caseDetail(caseId: string): Promise<(CaseDetail & { case: CaseRecord }) | null>;
}
