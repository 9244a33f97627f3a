import { caseFacts } from '../../ops/case-facts.js';
import type { PastCase } from '../../ops/dry-run.js';
import type { Order } from '../records.js';
import type { OperationsRecords } from './ops-records.js';

export interface PastCases {
  cases: (PastCase & { order: Order })[];
  /** Cases whose facts could not be rebuilt (order or customer gone, line missing, never delivered). */
  skipped: string[];
  /** Cases a crisis preset decided: no change of the rules would have altered them. */
  byCrisis: string[];
}

/** The cases created in [from, to) with the facts they were decided on, ready to be decided again. */
export async function pastCases(records: OperationsRecords, from: string, to: string): Promise<PastCases> {
  const created = await records.casesCreated(from, to);
  const unique = (ids: string[]) => [...new Set(ids)];
  const orders = new Map((await records.orders(unique(created.map(c => c.orderId)))).map(o => [o.id, o]));
  const customers = new Map((await records.customers(unique(created.map(c => c.customerId)))).map(c => [c.id, c]));
  const cases: PastCases['cases'] = [];
  const skipped: string[] = [];
  const byCrisis: string[] = [];
  for (const record of created) {
    if (record.decision.crisisId !== undefined) {
      byCrisis.push(record.id);
      continue;
    }
    const order = orders.get(record.orderId);
    const customer = customers.get(record.customerId);
    if (!order || !customer) {
      skipped.push(record.id);
      continue;
    }
    try {
      cases.push({ record, order, facts: caseFacts(record, order, customer) });
    } catch {
      skipped.push(record.id);
    }
  }
  return { cases, skipped, byCrisis };
}
