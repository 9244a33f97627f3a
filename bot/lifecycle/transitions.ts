import type { CaseStatus } from '../records.js';

/**
 * The case lifecycle as data: which step may follow which. Everything else is refused, so a late
 * or repeated report from a courier or the warehouse can never move a case backwards.
 */
export const NEXT_STEPS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  awaiting_person: ['approved', 'refused', 'cancelled', 'closed'],
  approved: ['awaiting_parcel', 'refunded', 'replacement_shipped', 'closed', 'cancelled'],
  refused: ['closed'],
  awaiting_parcel: ['parcel_in_transit', 'parcel_received', 'cancelled', 'closed'],
  parcel_in_transit: ['parcel_in_transit', 'parcel_received', 'cancelled'],
  parcel_received: ['inspection_passed', 'inspection_failed'],
  inspection_passed: ['refunded', 'replacement_shipped', 'closed'],
  inspection_failed: ['closed'],
  refunded: ['closed'],
  replacement_shipped: ['closed'],
  closed: [],
  cancelled: [],
};

export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return NEXT_STEPS[from].includes(to);
}

/** An agent may approve or reject a case while it waits for a person or after an approval (to override it). */
export function agentMayDecide(status: CaseStatus): boolean {
  return status === 'awaiting_person' || status === 'approved';
}
