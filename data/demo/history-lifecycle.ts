import type { CaseEvent, CaseStatus } from '../../bot/records.js';
import type { Decision, Outcome, Rules } from '../../policies/types.js';
import type { Handover } from './history-agents.js';
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
 * times drawn log-normal around what the shop usually takes: a parcel is picked up in ~1 day and
 * travels ~2, the warehouse inspects in ~8 h, a refund goes out ~6 h after approval (~12 h after
 * an inspection), a case is closed ~2 days after the refund or replacement. A case that needs a
 * person waits for the agent's claim (`handover`), then ~2 h for their verdict, with an
 * 'SLA breached: <deadline>' note, as bot/sla-watch.ts writes it, at each deadline of the rules'
 * timeline the agent missed.
 */
export function planLifecycle(
  decision: Decision,
  outcome: Outcome | null,
  handover: Handover | null,
  timeline: Rules['timeline'],
  random: Random,
): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const go = (to: CaseStatus, actor: CaseEvent['actor'], note: string, afterHours: number) => steps.push({ to, actor, note, afterHours });
  const close = () => go('closed', 'system', 'closed', random.logNormal(48, 0.3));

  if (decision.refused) {
    go('refused', 'bot', decision.reasons.join(' '), 0);
    close();
    return steps;
  }
  if (decision.needsPerson) {
    if (!handover) throw new Error('a case that needs a person needs a hand-over');
    go('awaiting_person', 'bot', decision.reasons.join(' '), 0);
    const verdictHours = handover.claimHours + random.logNormal(2, 0.8);
    const missed = [
      { deadline: 'first_response', dueHours: timeline.firstFeedbackHours, metHours: handover.claimHours },
      { deadline: 'review', dueHours: timeline.reviewHours, metHours: verdictHours },
    ].filter((d) => d.metHours > d.dueHours).sort((a, b) => a.dueHours - b.dueHours);
    let waited = 0;
    for (const { deadline, dueHours } of missed) {
      go('awaiting_person', 'system', `SLA breached: ${deadline}`, dueHours - waited);
      waited = dueHours;
    }
    // Notes as bot/agent-actions.ts writes them: "<agent>: <outcome or reason>".
    const verdict = random.weighted([['approved', 85], ['refused', 10], ['cancelled', 5]] as const);
    const afterHours = verdictHours - waited;
    if (verdict === 'cancelled') {
      go('cancelled', 'customer', 'withdrawn by customer', afterHours);
      return steps;
    }
    if (verdict === 'refused') {
      go('refused', 'agent', `${handover.agent.name}: ${handover.refusal}`, afterHours);
      close();
      return steps;
    }
    go('approved', 'agent', `${handover.agent.name}: ${outcome}`, afterHours);
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
