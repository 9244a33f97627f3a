import { randomBytes } from 'node:crypto';
import type { DialogState } from '../dialogs/state.js';
import type { Rules } from '../policies/types.js';
import type { DeskEvent, Escalation, HandoffReason } from './desk.js';
import type { CaseWrite, ConversationRecord } from './records.js';

const HOUR = 3_600_000;

export interface EscalationChanges {
  escalations: Escalation[];
  deskEvents: { escalationId: string; event: DeskEvent }[];
}

/**
 * What a customer turn means for the people side: a new hand-over when the dialog asked for a
 * person and none is open, and the customer's words shown to the agent while one is.
 */
export function escalationChanges(input: {
  open: Escalation | null;
  before: DialogState;
  after: DialogState;
  cases: CaseWrite[];
  conversation: ConversationRecord;
  text: string;
  photoIds: string[];
  now: Date;
  rules: Rules;
}): EscalationChanges {
  const { open, before, after } = input;
  const changes: EscalationChanges = { escalations: [], deskEvents: [] };
  if (open) {
    changes.deskEvents.push(customerSaid(open.id, input.text, input.photoIds));
    return changes;
  }
  const handoff = after.handoff;
  if (!handoff || handoff.at === before.handoff?.at) return changes;
  const waitingCase = input.cases.find(write => write.kind === 'create' && write.record.status === 'awaiting_person');
  const escalation = newEscalation({
    conversation: input.conversation,
    lang: after.lang,
    caseId: waitingCase?.kind === 'create' ? waitingCase.record.id : null,
    reason: handoff.reason as HandoffReason,
    now: input.now,
    rules: input.rules,
  });
  changes.escalations.push(escalation);
  changes.deskEvents.push({ escalationId: escalation.id, event: { kind: 'opened', escalationId: escalation.id } });
  return changes;
}

export function customerSaid(escalationId: string, text: string, photoIds: string[]): { escalationId: string; event: DeskEvent } {
  return { escalationId, event: { kind: 'customer_said', escalationId, text, photoIds } };
}

function newEscalation(input: { conversation: ConversationRecord; lang: Escalation['lang']; caseId: string | null; reason: HandoffReason; now: Date; rules: Rules }): Escalation {
  const { timeline } = input.rules;
  const created = input.now.getTime();
  return {
    id: `E-${input.caseId ?? randomBytes(6).toString('hex')}`,
    conversationId: input.conversation.id,
    channel: input.conversation.channel,
    userId: input.conversation.userId,
    lang: input.lang,
    caseId: input.caseId,
    reason: input.reason,
    status: 'waiting',
    agent: null,
    createdAt: input.now.toISOString(),
    firstResponseDue: new Date(created + timeline.firstFeedbackHours * HOUR).toISOString(),
    reviewDue: new Date(created + timeline.reviewHours * HOUR).toISOString(),
    firstResponseAt: null,
    slaNotices: [],
    deskRef: null,
  };
}
