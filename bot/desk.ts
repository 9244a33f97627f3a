/**
 * The agent desk port: where people take over difficult cases (Slack today). The engine owns the
 * hand-over state; a desk only shows it and reports what agents do, through `AgentActions`.
 */
import type { Outcome } from '../policies/types.js';
import type { Lang } from './messages.js';
import type { CaseRecord, Order, PhotoRecord, StoredMessage } from './records.js';

/** Why a conversation went to a person. */
export type HandoffReason = 'requested' | 'rules' | 'upset' | 'cancel_order' | 'misunderstood';

export interface Agent {
  /** The desk's own user id (a Slack user id). */
  id: string;
  /** The name the customer sees ("客服小王"). */
  name: string;
}

/** One hand-over, from the bot's request for a person until the case is back with the bot or closed. */
export interface Escalation {
  id: string;
  conversationId: string;
  channel: string;
  userId: string;
  lang: Lang;
  caseId: string | null;
  reason: HandoffReason;
  status: 'waiting' | 'claimed' | 'returned' | 'closed';
  agent: Agent | null;
  createdAt: string;
  /** First feedback and review deadlines (the time commitments of the rules). */
  firstResponseDue: string;
  reviewDue: string;
  firstResponseAt: string | null;
  /** SLA notices already sent, e.g. 'first_response:due_soon', 'review:breached'. */
  slaNotices: string[];
  /** Where the desk shows it (Slack channel and thread ts); null until the card is posted. */
  deskRef: { channel: string; ts: string } | null;
}

/** What a desk receives; stored in the same transaction as the change, sent at least once. */
export type DeskEvent =
  | { kind: 'opened'; escalationId: string }
  | { kind: 'customer_said'; escalationId: string; text: string; photoIds: string[] }
  | { kind: 'changed'; escalationId: string; note: string }
  | { kind: 'sla'; escalationId: string; deadline: 'first_response' | 'review'; state: 'due_soon' | 'breached' };

/** Everything a desk needs to draw a case card. */
export interface EscalationView {
  escalation: Escalation;
  case: CaseRecord | null;
  order: Order | null;
  customer: { name: string; tier: string } | null;
  /** Facts collected so far when no case exists yet (item, problem, description...). */
  facts: { label: string; value: string }[];
  photos: PhotoRecord[];
  /** The last messages of the conversation, oldest first. */
  transcript: StoredMessage[];
}

export type AgentDecision = { kind: 'approve'; outcome: Outcome } | { kind: 'reject'; reason: string };

export type ActionResult =
  | { ok: true }
  | { ok: false; problem: 'not_found' | 'taken' | 'not_owner' | 'closed' | 'no_case' | 'not_allowed'; owner?: Agent | null };

/** What a desk may do. Every call is idempotent by `actionId` (the desk's event or action id). */
export interface AgentActions {
  view(escalationId: string): Promise<EscalationView | null>;
  /** The escalation a desk thread belongs to. */
  findByDeskRef(channel: string, ts: string): Promise<Escalation | null>;
  /** The desk posted the card here. */
  attachDeskRef(escalationId: string, ref: { channel: string; ts: string }): Promise<void>;
  claim(escalationId: string, agent: Agent, actionId: string): Promise<ActionResult>;
  reply(escalationId: string, agent: Agent, text: string, actionId: string): Promise<ActionResult>;
  decide(escalationId: string, agent: Agent, decision: AgentDecision, actionId: string): Promise<ActionResult>;
  handBack(escalationId: string, agent: Agent, actionId: string): Promise<ActionResult>;
  close(escalationId: string, agent: Agent, actionId: string): Promise<ActionResult>;
  photo(photoId: string): Promise<{ mime: string; data: Buffer } | null>;
}

export interface AgentDesk {
  readonly name: string;
  start(actions: AgentActions): Promise<void>;
  stop(): Promise<void>;
  /** Shows the event; throws while the desk cannot (Slack down, rate-limited): it is retried. */
  publish(event: DeskEvent): Promise<void>;
}
