import type { Agent, Escalation } from '../../bot/desk.js';
import type { CaseEvent, CaseRecord } from '../../bot/records.js';
import type { Rules } from '../../policies/types.js';
import type { Random } from './random.js';

/**
 * The demo shop's agents, who take the history's cases that need a person (history.ts). They
 * answer at different paces so that the dashboard's agents table has something to compare:
 * 小王 and 小李 within minutes or an hour or two, Emma (the evening shift) after hours, now and
 * then past the first-feedback commitment.
 */
const DEMO_AGENTS: { agent: Agent; firstAnswerHours: number; share: number }[] = [
  { agent: { id: 'U0AGENT01', name: '客服小王' }, firstAnswerHours: 0.5, share: 45 },
  { agent: { id: 'U0AGENT02', name: '客服小李' }, firstAnswerHours: 1.5, share: 35 },
  { agent: { id: 'U0AGENT03', name: 'Emma' }, firstAnswerHours: 10, share: 20 },
];
const HOUR = 3_600_000;
/** How long before a deadline bot/sla-watch.ts reminds the desk: SLA_REMINDER_MINUTES' default (bot/config.ts). */
const REMINDER_LEAD_HOURS = 2;

/** Why an agent turns down a case the rules left to a person. */
const REFUSALS = ['照片看不出损坏', '商品已使用,不能退货', 'the photos show no damage'];

/** Who took a hand-over, how many hours after it was opened (with the case), and what they would refuse it for. */
export interface Handover {
  agent: Agent;
  /** The claim, which is the agent's first answer. */
  claimHours: number;
  refusal: string;
}

/** Whoever of the agents is free takes the hand-over: the shares say how often each one is. */
export function planHandover(random: Random): Handover {
  const { agent, firstAnswerHours } = random.weighted(DEMO_AGENTS.map((a) => [a, a.share] as const));
  return { agent, claimHours: random.logNormal(firstAnswerHours, 1), refusal: random.pick(REFUSALS) };
}

/**
 * The escalation row as the engine would hold it at `now` (bot/escalations.ts, bot/agent-actions.ts):
 * claimed once the agent answered, closed once the case left awaiting_person (its `events` say
 * when), with the notices bot/sla-watch.ts would have sent by then, a reminder before each
 * deadline and the breach after it. `updatedAt` is the last of these changes.
 */
export function handoverEscalation(
  record: CaseRecord,
  handover: Handover,
  events: readonly CaseEvent[],
  now: Date,
  rules: Rules,
): { escalation: Escalation; updatedAt: string } {
  const created = Date.parse(record.createdAt);
  const claimedAt = created + handover.claimHours * HOUR;
  const claimed = claimedAt <= now.getTime();
  const leaving = events.find((e) => e.from === 'awaiting_person' && e.to !== 'awaiting_person');
  const leftAt = leaving ? Date.parse(leaving.at) : null;
  const firstResponseDue = created + rules.timeline.firstFeedbackHours * HOUR;
  const reviewDue = created + rules.timeline.reviewHours * HOUR;
  const deadlines = [['first_response', firstResponseDue, claimedAt], ['review', reviewDue, leftAt ?? Infinity]] as const;
  const notices = deadlines
    .flatMap(([deadline, due, metAt]) => [
      { notice: `${deadline}:due_soon`, at: due - REMINDER_LEAD_HOURS * HOUR, metAt },
      { notice: `${deadline}:breached`, at: due, metAt },
    ])
    .filter(({ at, metAt }) => at <= now.getTime() && at < metAt)
    .sort((a, b) => a.at - b.at);
  const changes = [created, ...(claimed ? [claimedAt] : []), ...(leftAt !== null ? [leftAt] : []), ...notices.map((n) => n.at)];
  const iso = (at: number) => new Date(at).toISOString();
  return {
    escalation: {
      id: `E-${record.id}`,
      conversationId: record.conversationId,
      channel: record.channel,
      userId: record.userId,
      lang: record.lang,
      caseId: record.id,
      reason: 'rules',
      status: leftAt !== null ? 'closed' : claimed ? 'claimed' : 'waiting',
      agent: claimed ? handover.agent : null,
      createdAt: record.createdAt,
      firstResponseDue: iso(firstResponseDue),
      reviewDue: iso(reviewDue),
      firstResponseAt: claimed ? iso(claimedAt) : null,
      slaNotices: notices.map((n) => n.notice),
      deskRef: null,
    },
    updatedAt: iso(Math.max(...changes)),
  };
}
