import type { Order } from '../bot/records.js';
import type { DialogServices } from './context.js';
import type { Claim } from './state.js';

export const MAX_VERIFY_FAILURES = 3;
/** How long a contact waits after MAX_VERIFY_FAILURES: guessing phone digits stays slow. */
export const VERIFY_BLOCK_MINUTES = 15;

export type Ownership =
  | { kind: 'unknown' }
  | { kind: 'verified'; order: Order; newlyLinked: string | null }
  | { kind: 'mismatch' };

/**
 * Whether the customer may see the order: the contact was linked to its owner before, or they gave
 * the last four digits of its phone. A wrong order number and wrong digits look the same from
 * outside, so nothing of an order is revealed before this passes.
 */
export async function checkOwnership(
  claim: Claim,
  phoneDigits: string | undefined,
  linkedCustomerId: string | null,
  services: DialogServices,
): Promise<Ownership> {
  if (!claim.orderId) return { kind: 'unknown' };
  const order = await services.findOrder(claim.orderId);
  if (order && (claim.verified || (linkedCustomerId !== null && order.customerId === linkedCustomerId))) {
    return { kind: 'verified', order, newlyLinked: null };
  }
  if (!phoneDigits) return { kind: 'unknown' };
  if (order && phoneDigits.length === 4 && order.phone.endsWith(phoneDigits)) {
    return { kind: 'verified', order, newlyLinked: order.customerId };
  }
  return { kind: 'mismatch' };
}
