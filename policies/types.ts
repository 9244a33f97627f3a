/**
 * The vocabulary of the return rules. Policies are pure: `(facts, rules, now) → Decision`;
 * nothing here knows a channel, a database or the wall clock.
 */

/** Why the customer came: decides which rules apply. */
export type Reason =
  | 'quality'            // spoiled food, mould, defect, does not work (质量问题)
  | 'transit_damage'     // arrived broken, crushed box (运输破损)
  | 'damage_unclear'     // broken, but the parcel arrived intact: who caused it is an agent's call
  | 'wrong_item'         // ordered A, got B (送错)
  | 'missing_item'       // a line never arrived (漏送)
  | 'not_as_described'   // colour, size, look differs from the listing
  | 'changed_mind';      // bought by mistake, no longer wanted (误购)

/** What the customer can get. */
export type Outcome = 'refund' | 'exchange' | 'reship';

export type CustomerTier = 'regular' | 'member' | 'wholesale';

export type ProductCategory = 'food' | 'goods';

/** Everything the rules need to know about one request, gathered by the dialog. */
export interface CaseFacts {
  reason: Reason;
  customerTier: CustomerTier;
  /** ISO-8601 instant the order was signed for (签收); the window counts from here. */
  deliveredAt: string;
  category: ProductCategory;
  sku: string;
  batchId?: string;
  supplierId?: string;
  unitPriceCents: number;
  quantity: number;
  /** Asked only where the rules care (changed mind, not as described). */
  condition?: { unused: boolean; originalPackaging: boolean };
  photoCount: number;
}

/** Rules as operators edit them (data/rules.yaml); validated by `parseRules`. */
export interface Rules {
  version: number;
  /** IANA zone of the shop: day boundaries of the window are counted there. */
  timezone: string;
  window: {
    /** Calendar days after the day of delivery during which a request is accepted. */
    days: number;
  };
  /** Photos asked for these reasons: at least `min`, at most `max` per case. */
  photos: { requiredFor: Reason[]; min: number; max: number; maxBytes: number };
  quality: {
    outcomes: Outcome[];
    /** Food with a quality problem is not sent back (mouldy millet is thrown away). */
    returnFood: boolean;
  };
  transitDamage: {
    outcomes: Outcome[];
    returnFood: boolean;
    compensation: Compensation | null;
  };
  wrongItem: { outcomes: Outcome[] };
  missingItem: { outcomes: Outcome[] };
  notAsDescribed: { outcomes: Outcome[]; requireCondition: boolean };
  changedMind: {
    outcomes: Outcome[];
    /** Categories that cannot be sent back for a change of mind. */
    excludedCategories: ProductCategory[];
    handlingFee: { percent: number; minCents: number; maxCents: number };
  };
  /** Largest refund (cents) the bot grants without a person, per tier. */
  autoRefundLimitCents: Record<CustomerTier, number>;
  /** Tiers whose every case is followed by a dedicated agent (专属客服). */
  dedicatedAgentTiers: CustomerTier[];
  /** Time commitments, quoted to the customer and used for timers. */
  timeline: {
    firstFeedbackHours: number;
    reviewHours: number;
    refundWorkingDays: number;
    refundArrivalWorkingDays: { min: number; max: number };
  };
}

export interface Compensation {
  kind: 'coupon' | 'points';
  /** Cents for a coupon, points for points. */
  amount: number;
}

export interface Fee {
  kind: 'handling' | 'return_shipping';
  cents: number;
}

/**
 * Ids of the rules that fired, in the order they were applied. Each has a plain-words
 * explanation per language in the reply templates (`rule.<id>`).
 */
export type RuleId =
  | 'window.within'
  | 'window.expired'
  | 'quality.unconditional'
  | 'quality.food_no_return'
  | 'transit.free_return'
  | 'transit.compensation'
  | 'transit.food_no_return'
  | 'damage.unclear_responsibility'
  | 'wrong_item.reship'
  | 'missing_item.reship_or_refund'
  | 'not_as_described.condition_ok'
  | 'condition.not_met'
  | 'changed_mind.handling_fee'
  | 'changed_mind.category_excluded'
  | 'changed_mind.customer_pays_shipping'
  | 'photos.missing'
  | 'limit.within_auto'
  | 'limit.above_auto'
  | 'member.higher_limit'
  | 'tier.dedicated_agent'
  | 'crisis.preset';

export interface Decision {
  /** Outcomes the customer may choose from; empty when refused. */
  outcomes: Outcome[];
  /** True when nothing is allowed: `reasons` say why. */
  refused: boolean;
  /** True when a person must decide before anything is promised. */
  needsPerson: boolean;
  /** Whether the goods must be sent back before the refund or exchange. */
  returnRequired: boolean;
  /** Who pays the return parcel, when there is one. */
  returnShippingPaidBy: 'company' | 'customer' | null;
  fees: Fee[];
  compensation: Compensation | null;
  /** Value of the goods concerned (unit price × quantity), before fees. */
  refundCents: number;
  reasons: RuleId[];
  /** The crisis whose preset decided this request, when one did. */
  crisisId?: string;
}

/** What a crisis is about: one batch, every batch of a product (sku), or everything of a supplier. */
export interface CrisisScope {
  kind: 'batch' | 'product' | 'supplier';
  /** The batch id, the sku or the supplier id. */
  value: string;
}

/** The solution operators set for every request a crisis covers. */
export interface CrisisPreset {
  outcome: Outcome;
  /** Whether the goods must come back (at the company's cost) before the outcome. */
  returnRequired: boolean;
  compensation: Compensation | null;
}

/** An open crisis: while it lasts, requests within its scope get its preset instead of the rules. */
export interface Crisis {
  id: string;
  scope: CrisisScope;
  preset: CrisisPreset;
}
