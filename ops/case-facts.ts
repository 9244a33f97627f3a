import type { CaseRecord, Customer, Order } from '../bot/records.js';
import type { CaseFacts } from '../policies/types.js';

/**
 * Rebuilds the facts a case was decided on from what the store keeps: the case, its order (for
 * delivery date, product, batch, price) and its customer. Two facts are not stored as such:
 *  - photos: the number of photos kept with the case (record.photoIds);
 *  - condition (unused, original packaging), asked only where the rules care, is read back from
 *    the decision then: refused for 'condition.not_met' → not met; granted under a rule that
 *    requires it → met; otherwise unknown, which decide() treats as not met. So a case the old
 *    rules refused before the condition was asked (window expired) stays refused under new rules
 *    that would have asked: the dry run then under-counts changes rather than inventing them.
 * The customer's tier is today's, not the tier at the time (the store keeps no tier history).
 */
export function caseFacts(record: CaseRecord, order: Order, customer: Customer): CaseFacts {
  const line = order.lines.find((l) => l.line === record.line);
  if (!line) throw new Error(`case ${record.id}: order ${order.id} has no line ${record.line}`);
  if (order.deliveredAt === null) throw new Error(`case ${record.id}: order ${order.id} was never delivered`);
  if (order.id !== record.orderId || customer.id !== record.customerId) {
    throw new Error(`case ${record.id}: order ${order.id} / customer ${customer.id} are not the case's`);
  }
  const condition = conditionThen(record);
  return {
    reason: record.reason,
    customerTier: customer.tier,
    deliveredAt: order.deliveredAt,
    category: line.product.category,
    sku: line.sku,
    ...(line.batchId !== null ? { batchId: line.batchId } : {}),
    ...(line.supplierId !== null ? { supplierId: line.supplierId } : {}),
    unitPriceCents: line.unitPriceCents,
    quantity: record.quantity,
    ...(condition ? { condition } : {}),
    photoCount: record.photoIds.length,
  };
}

function conditionThen(record: CaseRecord): CaseFacts['condition'] {
  const reasons = record.decision.reasons;
  if (reasons.includes('condition.not_met')) return { unused: false, originalPackaging: false };
  if (reasons.includes('changed_mind.handling_fee') || reasons.includes('not_as_described.condition_ok')) {
    return { unused: true, originalPackaging: true };
  }
  return undefined;
}
