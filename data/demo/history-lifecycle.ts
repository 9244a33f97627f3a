import type { CaseEvent, CaseStatus } from '../../bot/records.js';
import type { Decision, Outcome } from '../../policies/types.js';
import type { Random } from './random.js';

/** One step of a generated case: where it goes, who moved it, and how many hours after the previous step. */
export interface PlannedStep {
  to: CaseStatus;
  actor: CaseEvent['actor'];
  note: string;
  afterHours: number;
}

/**
 * The path a past case took through the lifecycle (bot/lifecycle/transitions.ts), with step
 * times drawn log-normal around what the shop usually takes: an agent answers in ~5 h, a
 * parcel is picked up in ~1 day and travels ~2, the warehouse inspects in ~8 h, a case is
 * refund goes out ~6 h after approval (~12 h after an inspection), a case is closed ~2 days after
 * the refund or replacement. An agent slower than 24 h leaves an
 * 'SLA breached: first_response' note, as bot/sla-watch.ts would.
 */
export function planLifecycle(decision: Decision, outcome: Outcome | null, random: Random): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const go = (to: CaseStatus, actor: CaseEvent['actor'], note: string, afterHours: number) => steps.push({ to, actor, note, afterHours });
  const close = () => go('closed', 'system', 'closed', random.logNormal(48, 0.3));

  if (decision.refused) {
    go('refused', 'bot', decision.reasons.join(' '), 0);
    close();
    return steps;
  }
  if (decision.needsPerson) {
    go('awaiting_person', 'bot', decision.reasons.join(' '), 0);
    const wait = random.logNormal(5, 0.9);
    if (wait > 24) go('awaiting_person', 'system', 'SLA breached: first_response', 24);
    const verdict = random.weighted([['approved', 85], ['refused', 10], ['cancelled', 5]] as const);
    go(verdict, 'agent', verdict === 'approved' ? 'approved by agent' : verdict === 'refused' ? 'refused by agent' : 'withdrawn by customer', wait > 24 ? wait - 24 : wait);
    if (verdict === 'refused') close();
    if (verdict !== 'approved') return steps;
  } else {
    go('approved', 'bot', decision.reasons.join(' '), 0);
  }
  const finish = () => {
    if (outcome === 'refund') go('refunded', 'system', 'refund sent', random.logNormal(decision.returnRequired ? 12 : 6, 0.5));
    else go('replacement_shipped', 'warehouse', 'replacement shipped', random.logNormal(10, 0.6));
    close();
  };
  if (!decision.returnRequired) {
    finish();
    return steps;
  }
  go('awaiting_parcel', 'bot', 'return parcel expected', 0);
  if (decision.returnShippingPaidBy === 'customer' && random.next() < 0.08) {
    go('cancelled', 'customer', 'kept the goods', random.logNormal(30, 0.5));
    return steps;
  }
  go('parcel_in_transit', 'courier', 'picked up', random.logNormal(20, 0.5));
  go('parcel_received', 'warehouse', 'parcel received', random.logNormal(40, 0.4));
  if (random.next() < 0.05) {
    go('inspection_failed', 'warehouse', 'used, not resaleable', random.logNormal(8, 0.6));
    close();
    return steps;
  }
  go('inspection_passed', 'warehouse', 'inspection passed', random.logNormal(8, 0.6));
  finish();
  return steps;
}
