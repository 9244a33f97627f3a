/**
 * "What if": past cases decided again under proposed rules, next to the current rules, so an
 * operator sees which decisions a rule change would alter and what it would cost before saving it.
 */
import type { CaseRecord } from '../bot/records.js';
import { decide } from '../policies/decide.js';
import type { CaseFacts, Decision, Fee, Outcome, RuleId, Rules } from '../policies/types.js';

/** A stored case and the facts it was decided on (ops/case-facts.ts rebuilds them). */
export interface PastCase {
  record: CaseRecord;
  facts: CaseFacts;
}

export interface DecisionSummary {
  outcomes: Outcome[];
  refused: boolean;
  needsPerson: boolean;
  fees: Fee[];
  feeCents: number;
  /** Value of the goods (Decision.refundCents). */
  refundCents: number;
  /** What the case may cost in refunds: the goods' value when a refund is allowed, else 0. */
  refundableCents: number;
  reasons: RuleId[];
}

export interface ChangedDecision {
  caseId: string;
  before: DecisionSummary;
  after: DecisionSummary;
}

export interface DryRun {
  at: string;
  total: number;
  /** Cases whose outcomes, refusal, hand-over to a person, fees, amount or compensation change. */
  changed: ChangedDecision[];
  count: number;
  /** Sums over all cases; deltas are proposed − current. Refunds are an upper bound (a customer may take an exchange). */
  money: {
    refundableBeforeCents: number;
    refundableAfterCents: number;
    refundableDeltaCents: number;
    feesBeforeCents: number;
    feesAfterCents: number;
    feesDeltaCents: number;
  };
  /** Cases the current rules decide differently from the decision stored: rules or facts moved since. */
  differsFromStored: string[];
}

/**
 * Each case is decided at the instant it was decided (record.createdAt), not at `now`: the
 * window counts to the request, and deciding today would refuse every old case. `now` only
 * stamps the report.
 */
export function dryRun(pastCases: readonly PastCase[], current: Rules, proposed: Rules, now: Date): DryRun {
  const changed: ChangedDecision[] = [];
  const differsFromStored: string[] = [];
  const money = { refundableBeforeCents: 0, refundableAfterCents: 0, refundableDeltaCents: 0, feesBeforeCents: 0, feesAfterCents: 0, feesDeltaCents: 0 };
  for (const { record, facts } of pastCases) {
    const at = new Date(record.createdAt);
    const before = decide(facts, current, at);
    const after = decide(facts, proposed, at);
    if (!sameDecision(before, record.decision)) differsFromStored.push(record.id);
    const b = summary(before);
    const a = summary(after);
    money.refundableBeforeCents += b.refundableCents;
    money.refundableAfterCents += a.refundableCents;
    money.feesBeforeCents += b.feeCents;
    money.feesAfterCents += a.feeCents;
    if (!sameDecision(before, after)) changed.push({ caseId: record.id, before: b, after: a });
  }
  money.refundableDeltaCents = money.refundableAfterCents - money.refundableBeforeCents;
  money.feesDeltaCents = money.feesAfterCents - money.feesBeforeCents;
  return { at: now.toISOString(), total: pastCases.length, changed, count: changed.length, money, differsFromStored };
}

function summary(d: Decision): DecisionSummary {
  return {
    outcomes: d.outcomes,
    refused: d.refused,
    needsPerson: d.needsPerson,
    fees: d.fees,
    feeCents: d.fees.reduce((sum, f) => sum + f.cents, 0),
    refundCents: d.refundCents,
    refundableCents: !d.refused && d.outcomes.includes('refund') ? d.refundCents : 0,
    reasons: d.reasons,
  };
}

/** What the customer gets and pays; the wording (`reasons`) alone changing is not a change of decision. */
function sameDecision(a: Decision, b: Decision): boolean {
  const key = (d: Decision) =>
    JSON.stringify([d.outcomes, d.refused, d.needsPerson, d.returnRequired, d.returnShippingPaidBy, d.fees, d.compensation, d.refundCents]);
  return key(a) === key(b);
}
