import type { Crisis, CrisisScope, Decision } from './types.js';

/** What identifies an item for a crisis: an order line or the facts of a request. */
export interface CrisisItem {
  sku: string;
  batchId?: string | null;
  supplierId?: string | null;
}

/** The narrowest scope wins: a batch's own preset is more to the point than its supplier's. */
const NARROWEST_FIRST: readonly CrisisScope['kind'][] = ['batch', 'product', 'supplier'];

/** The open crisis that covers the item, if any. */
export function coveringCrisis<C extends Crisis>(crises: readonly C[], item: CrisisItem): C | undefined {
  const keys: Record<CrisisScope['kind'], string | null | undefined> = { batch: item.batchId, product: item.sku, supplier: item.supplierId };
  for (const kind of NARROWEST_FIRST) {
    const found = crises.find(crisis => crisis.scope.kind === kind && keys[kind] != null && crisis.scope.value === keys[kind]);
    if (found) return found;
  }
  return undefined;
}

/**
 * The crisis's preset as a decision. A crisis is a problem the company already knows and owns
 * (a bad batch is not the customer's fault), so nothing the rules weigh applies: not the reason,
 * not the window, not photos, fees, refund limits or tiers. The request is granted at once, with
 * no person in between, and the company pays any return parcel.
 */
export function presetDecision(crisis: Crisis, refundCents: number): Decision {
  const { preset } = crisis;
  return {
    outcomes: [preset.outcome],
    refused: false,
    needsPerson: false,
    returnRequired: preset.returnRequired,
    returnShippingPaidBy: preset.returnRequired ? 'company' : null,
    fees: [],
    compensation: preset.compensation && { ...preset.compensation },
    refundCents,
    reasons: ['crisis.preset'],
    crisisId: crisis.id,
  };
}
