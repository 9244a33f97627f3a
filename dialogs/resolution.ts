import type { CaseRecord, CaseStatus, CaseWrite, Customer, Order, OrderLine } from '../bot/records.js';
import { decide } from '../policies/decide.js';
import type { CaseFacts, Decision, Outcome, Reason, Rules } from '../policies/types.js';
import type { CrisisView, DialogTurn, Replies } from './context.js';
import { afterApproval } from '../bot/lifecycle/after-approval.js';
import { money } from './replies/index.js';
import type { Claim } from './state.js';
import { localDate } from '../policies/local-time.js';

export interface Resolved {
  claim: Claim;
  order: Order;
  line: OrderLine;
  customer: Customer;
}

/**
 * The rules' reason for the stated problem. A damage whose cause was never asked (a crisis skips
 * that question) is recorded as one of unclear cause.
 */
function reasonOf(claim: Claim): Reason {
  return claim.problem === 'damaged' ? 'damage_unclear' : (claim.problem as Reason);
}

/** The rules' verdict on the confirmed claim (or an open crisis's preset); the dialog never judges eligibility itself. */
export function judge({ claim, order, line, customer }: Resolved, turn: DialogTurn): Decision {
  const facts: CaseFacts = {
    reason: reasonOf(claim),
    customerTier: customer.tier,
    deliveredAt: order.deliveredAt!,
    category: line.product.category,
    sku: line.sku,
    ...(line.batchId ? { batchId: line.batchId } : {}),
    ...(line.supplierId ? { supplierId: line.supplierId } : {}),
    unitPriceCents: line.unitPriceCents,
    quantity: claim.quantity as number,
    ...(claim.condition !== undefined ? { condition: { unused: claim.condition, originalPackaging: claim.condition } } : {}),
    photoCount: claim.photoIds.length,
  };
  return decide(facts, turn.rules, turn.now, turn.crises);
}

/** Plain-words reasons of a decision, one line each. */
export function explain(decision: Decision, resolved: Resolved, turn: DialogTurn, replies: Replies): string {
  const vars = {
    days: turn.rules.window.days,
    deliveredOn: localDate(resolved.order.deliveredAt, turn.rules.timezone),
  };
  const lines = decision.reasons.filter(id => id !== 'limit.within_auto').map(id => `• ${replies.text(`rule.${id}`, vars)}`);
  return [replies.text('decision.because'), ...lines].join('\n');
}

/** Opens the case for a decision and tells the customer what happens next. */
export async function issueCase(
  resolved: Resolved,
  decision: Decision,
  outcome: Outcome | null,
  turn: DialogTurn,
  replies: Replies,
  reasonsShown: boolean,
): Promise<CaseWrite[]> {
  const caseId = await turn.services.nextCaseId(turn.now);
  const status: CaseStatus = decision.refused ? 'refused' : decision.needsPerson ? 'awaiting_person' : 'approved';
  const why = reasonsShown ? [] : [explain(decision, resolved, turn, replies)];
  if (status === 'refused') {
    replies.sayText([replies.text('decision.refused'), ...why, replies.text('case.refused_record', { caseId })].join('\n'));
  } else if (status === 'awaiting_person') {
    replies.sayText([replies.text('decision.person', { caseId, hours: turn.rules.timeline.firstFeedbackHours }), ...why].join('\n'));
  } else {
    const crisis = decision.crisisId ? turn.crises.find(open => open.id === decision.crisisId) : undefined;
    if (crisis) replies.sayText(replies.inLang(crisis.notice));
    const preset = crisis ? [presetLine(crisis, resolved, decision, replies)] : [];
    replies.sayText([replies.text('case.created', { caseId }), ...preset, ...why].join('\n'));
    replies.sayText(nextSteps({ reason: reasonOf(resolved.claim), orderId: resolved.order.id }, decision, outcome!, turn.rules, replies));
  }
  const at = turn.now.toISOString();
  const record: CaseRecord = {
    id: caseId,
    conversationId: turn.conversation.id,
    channel: turn.conversation.channel,
    userId: turn.conversation.userId,
    lang: turn.state.lang,
    customerId: resolved.customer.id,
    orderId: resolved.order.id,
    line: resolved.line.line,
    sku: resolved.line.sku,
    quantity: resolved.claim.quantity as number,
    reason: reasonOf(resolved.claim),
    description: resolved.claim.description ?? '',
    outcome,
    status,
    decision,
    photoIds: resolved.claim.photoIds,
    createdAt: at,
    updatedAt: at,
  };
  return [
    { kind: 'create', record, event: { caseId, from: null, to: status, actor: 'bot', note: decision.reasons.join(' '), at } },
    ...(status === 'approved' ? afterApproval(caseId, decision, at) : []),
  ];
}

/** What a crisis's preset gives for this item, in one sentence. */
function presetLine(crisis: CrisisView, resolved: Resolved, decision: Decision, replies: Replies): string {
  const item = replies.productName(resolved.line);
  const outcome = crisis.preset.outcome;
  return outcome === 'refund' ? replies.text('crisis.refund', { item, amount: money(decision.refundCents) }) : replies.text(`crisis.${outcome}`, { item });
}

/** Instructions, money and the timeline of an approved case: the same whether the bot or a person approved it. */
export function nextSteps(request: { reason: Reason; orderId: string }, decision: Decision, outcome: Outcome, rules: Rules, replies: Replies): string {
  const { timeline } = rules;
  const sentences: string[] = [];
  if (decision.returnRequired) {
    const slip = replies.text('slip', { orderId: request.orderId, reason: replies.text(`problem.${request.reason}`) });
    sentences.push(replies.text('instructions.return', { slip }));
    if (decision.returnShippingPaidBy) sentences.push(replies.text(`shipping.${decision.returnShippingPaidBy}`));
  } else {
    // A crisis's replacement is announced with its preset; "the right item" would be a wrong-item phrase.
    sentences.push(replies.text(outcome === 'reship' && !decision.crisisId ? 'instructions.reship' : 'instructions.no_return'));
  }
  for (const fee of decision.fees) if (fee.kind === 'handling') sentences.push(replies.text('fee.handling', { amount: money(fee.cents) }));
  const compensation = decision.compensation;
  if (compensation) {
    const amount = compensation.kind === 'coupon' ? money(compensation.amount) : compensation.amount;
    sentences.push(replies.text(`compensation.${compensation.kind}`, { amount }));
  }
  sentences.push(replies.text(decision.returnRequired ? 'timeline' : 'timeline.no_return', {
    first: timeline.firstFeedbackHours,
    review: timeline.reviewHours,
    refundDays: timeline.refundWorkingDays,
    arriveMin: timeline.refundArrivalWorkingDays.min,
    arriveMax: timeline.refundArrivalWorkingDays.max,
  }));
  return sentences.join('\n');
}
