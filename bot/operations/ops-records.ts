import type { Feedback } from '../../ops/metrics.js';
import type { Escalation } from '../desk.js';
import type { CaseEvent, CaseRecord, Customer, Order } from '../records.js';

export interface Supplier {
  id: string;
  name: string;
  nameEn: string;
}

export interface Batch {
  id: string;
  sku: string;
  supplierId: string | null;
}

/**
 * What the operations console reads: whole periods of records at once, for the pure analytics
 * in ops/. Periods are half-open ISO instants [from, to); lists of ids may be of any length.
 */
export interface OperationsRecords {
  /** Cases created in the period, oldest first. */
  casesCreated(from: string, to: string): Promise<CaseRecord[]>;
  /** Orders signed for in the period, with their lines. */
  ordersDelivered(from: string, to: string): Promise<Order[]>;
  orders(ids: readonly string[]): Promise<Order[]>;
  customers(ids: readonly string[]): Promise<Customer[]>;
  /** Every lifecycle event of these cases, oldest first. */
  eventsOfCases(caseIds: readonly string[]): Promise<CaseEvent[]>;
  feedbackOfCases(caseIds: readonly string[]): Promise<Feedback[]>;
  escalationsOfCases(caseIds: readonly string[]): Promise<Escalation[]>;
  suppliers(): Promise<Supplier[]>;
  batches(): Promise<Batch[]>;
}
