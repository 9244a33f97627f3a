import type { DialogState } from '../dialogs/state.js';
import { nextSteps } from '../dialogs/resolution.js';
import { t } from '../dialogs/replies/index.js';
import { closeWithSurvey } from './case-closing.js';
import { afterApproval } from './lifecycle/after-approval.js';
import { followUpTimers } from './lifecycle/follow-up-timers.js';
import { agentMayDecide } from './lifecycle/transitions.js';
import type { ActionResult, Agent, AgentActions, AgentDecision, DeskEvent, Escalation, EscalationView } from './desk.js';
import type { ActChanges, ActContext, Engine } from './engine.js';
import type { CaseWrite } from './records.js';
import type { Store } from './store.js';

const TRANSCRIPT_LINES = 10;
const DESK = 'desk';

type Work = (escalation: Escalation, context: ActContext) => Promise<{ changes: ActChanges | null; result: ActionResult }>;

/**
 * What agents can do from the desk, as turns of the customer's conversation: each runs under the
 * conversation's lock (two agents claiming at once get one owner), is stored with its replies to
 * the customer, and is done once per action id (a retried Slack event changes nothing).
 */
export class DeskActions implements AgentActions {
  constructor(
    private readonly engine: Engine,
    private readonly store: Store,
  ) {}

  async view(escalationId: string): Promise<EscalationView | null> {
    const escalation = await this.store.findEscalation(escalationId);
    if (!escalation) return null;
    const record = escalation.caseId ? await this.store.findCase(escalation.caseId) : null;
    const conversation = await this.store.loadConversation(escalation.channel, escalation.userId);
    const claim = (conversation?.state as DialogState | null)?.claim;
    const orderId = record?.orderId ?? (claim?.verified ? claim.orderId : undefined);
    const order = orderId ? await this.store.findOrder(orderId) : null;
    const customer = order ? await this.store.findCustomer(order.customerId) : null;
    const facts = claim && !record ? claimFacts(claim, order, escalation.lang) : [];
    return {
      escalation,
      case: record,
      order,
      customer: customer ? { name: customer.name, tier: customer.tier } : null,
      facts,
      photos: await this.store.photos(record?.photoIds ?? claim?.photoIds ?? []),
      transcript: await this.store.lastMessages(escalation.conversationId, TRANSCRIPT_LINES),
    };
  }

  findByDeskRef(channel: string, ts: string): Promise<Escalation | null> {
    return this.store.findEscalationByDeskRef(channel, ts);
  }

  async attachDeskRef(escalationId: string, ref: { channel: string; ts: string }): Promise<void> {
    await this.run(escalationId, undefined, async escalation => ({
      changes: { escalations: [{ ...escalation, deskRef: ref }] },
      result: { ok: true },
    }));
  }

  claim(escalationId: string, agent: Agent, actionId: string): Promise<ActionResult> {
    return this.run(escalationId, actionId, async (escalation, context) => {
      if (escalation.status === 'claimed') {
        return { changes: null, result: escalation.agent?.id === agent.id ? { ok: true } : { ok: false, problem: 'taken', owner: escalation.agent } };
      }
      const claimed = join(escalation, agent, context);
      return { changes: { escalations: [claimed], deskEvents: [changed(claimed, `claimed by ${agent.name}`)] }, result: { ok: true } };
    });
  }

  reply(escalationId: string, agent: Agent, text: string, actionId: string): Promise<ActionResult> {
    return this.asOwner(escalationId, agent, actionId, async (escalation, context, joined) => {
      context.replies.sayText(t(context.state.lang, 'agent.says', { name: agent.name, text }));
      return { changes: { escalations: [escalation], deskEvents: joined ? [changed(escalation, `claimed by ${agent.name}`)] : [] }, result: { ok: true } };
    });
  }

  decide(escalationId: string, agent: Agent, decision: AgentDecision, actionId: string): Promise<ActionResult> {
    return this.asOwner(escalationId, agent, actionId, async (escalation, context) => {
      const record = escalation.caseId ? await this.store.findCase(escalation.caseId) : null;
      if (!record) return { changes: null, result: { ok: false, problem: 'no_case' } };
      if (!agentMayDecide(record.status)) return { changes: null, result: { ok: false, problem: 'not_allowed' } };
      const at = context.now.toISOString();
      let write: CaseWrite;
      if (decision.kind === 'approve') {
        const override = record.decision.outcomes.includes(decision.outcome) ? '' : ' (agent override)';
        write = { kind: 'transition', caseId: record.id, to: 'approved', patch: { outcome: decision.outcome }, event: { caseId: record.id, from: record.status, to: 'approved', actor: 'agent', note: `${agent.name}: ${decision.outcome}${override}`, at } };
        context.replies.say('agent.approved', { caseId: record.id });
        context.replies.sayText(context.replies.text('case.created', { caseId: record.id }));
        context.replies.sayText(nextSteps({ reason: record.reason, orderId: record.orderId }, record.decision, decision.outcome, context.rules, context.replies));
      } else {
        write = { kind: 'transition', caseId: record.id, to: 'refused', patch: {}, event: { caseId: record.id, from: record.status, to: 'refused', actor: 'agent', note: `${agent.name}: ${decision.reason}`, at } };
        context.replies.say('agent.rejected', { caseId: record.id, reason: decision.reason });
      }
      const note = decision.kind === 'approve' ? `approved ${decision.outcome} by ${agent.name}` : `rejected by ${agent.name}: ${decision.reason}`;
      const following = decision.kind === 'approve' && record.status === 'awaiting_person' ? afterApproval(record.id, record.decision, at) : [];
      const timers = followUpTimers({ cases: following, conversationId: escalation.conversationId, now: context.now, delays: this.engine.reminders });
      return { changes: { cases: [write, ...following], timers, escalations: [escalation], deskEvents: [changed(escalation, note)] }, result: { ok: true } };
    });
  }

  handBack(escalationId: string, agent: Agent, actionId: string): Promise<ActionResult> {
    return this.asOwner(escalationId, agent, actionId, async (escalation, context) => {
      const returned: Escalation = { ...escalation, status: 'returned' };
      context.state.handoff = null;
      context.replies.say('agent.left', { name: agent.name });
      return { changes: { escalations: [returned], deskEvents: [changed(returned, `handed back by ${agent.name}`)] }, result: { ok: true } };
    });
  }

  close(escalationId: string, agent: Agent, actionId: string): Promise<ActionResult> {
    return this.asOwner(escalationId, agent, actionId, async (escalation, context) => {
      const closed: Escalation = { ...escalation, status: 'closed' };
      context.state.handoff = null;
      const record = escalation.caseId ? await this.store.findCase(escalation.caseId) : null;
      const cases = record && record.status !== 'closed' ? [closeWithSurvey(context, record, 'agent', `closed by ${agent.name}`)] : [];
      if (cases.length === 0) context.replies.say('agent.left', { name: agent.name });
      return { changes: { cases, escalations: [closed], deskEvents: [changed(closed, `closed by ${agent.name}`)] }, result: { ok: true } };
    });
  }

  photo(photoId: string): Promise<{ mime: string; data: Buffer } | null> {
    return this.store.readPhoto(photoId);
  }

  /** Actions only the holder may take; a waiting hand-over is claimed by whoever acts first. */
  private asOwner(
    escalationId: string,
    agent: Agent,
    actionId: string,
    work: (escalation: Escalation, context: ActContext, joined: boolean) => ReturnType<Work>,
  ): Promise<ActionResult> {
    return this.run(escalationId, actionId, async (escalation, context) => {
      if (escalation.status === 'claimed' && escalation.agent?.id !== agent.id) {
        return { changes: null, result: { ok: false, problem: 'not_owner', owner: escalation.agent } };
      }
      const joined = escalation.status === 'waiting';
      const held = joined ? join(escalation, agent, context) : { ...escalation, firstResponseAt: escalation.firstResponseAt ?? context.now.toISOString() };
      return work(held, context, joined);
    });
  }

  /** Runs `work` on the current escalation under its conversation's lock. */
  private async run(escalationId: string, actionId: string | undefined, work: Work): Promise<ActionResult> {
    const found = await this.store.findEscalation(escalationId);
    if (!found) return { ok: false, problem: 'not_found' };
    const ref = { conversationId: found.conversationId, channel: found.channel, userId: found.userId };
    return this.engine.act(ref, actionId ? { channel: DESK, messageId: actionId } : undefined, async context => {
      const escalation = await this.store.findEscalation(escalationId);
      if (!escalation || escalation.status === 'closed' || escalation.status === 'returned') {
        return { changes: null, result: { ok: false, problem: 'closed' } as ActionResult };
      }
      return work(escalation, context);
    }, { ok: true });
  }
}

function join(escalation: Escalation, agent: Agent, context: ActContext): Escalation {
  context.replies.say('agent.joined', { name: agent.name });
  return { ...escalation, status: 'claimed', agent, firstResponseAt: escalation.firstResponseAt ?? context.now.toISOString() };
}

function changed(escalation: Escalation, note: string): { escalationId: string; event: DeskEvent } {
  return { escalationId: escalation.id, event: { kind: 'changed', escalationId: escalation.id, note } };
}

/** The facts of a request still being collected, for a card without a case. */
function claimFacts(claim: DialogState['claim'], order: EscalationView['order'], lang: Escalation['lang']): EscalationView['facts'] {
  const facts: EscalationView['facts'] = [];
  if (claim.problem) facts.push({ label: t(lang, 'field.problem'), value: t(lang, `problem.${claim.problem}`) });
  if (claim.orderId) facts.push({ label: t(lang, 'field.order'), value: claim.verified ? claim.orderId : `${claim.orderId} (not verified)` });
  const line = order?.lines.find(candidate => candidate.line === claim.line);
  if (line) facts.push({ label: t(lang, 'field.item'), value: line.product.names[lang] });
  if (claim.quantity !== undefined) facts.push({ label: t(lang, 'field.quantity'), value: String(claim.quantity) });
  if (claim.description) facts.push({ label: t(lang, 'field.description'), value: claim.description });
  return facts;
}
