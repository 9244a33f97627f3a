/**
 * Agents' numbers from the hand-overs (returns-domain.md, "Operations"): how many cases each
 * person took, how fast they first answered, and how satisfied those customers were. Pure.
 */
import type { Escalation } from '../bot/desk.js';
import type { CaseRecord } from '../bot/records.js';
import { satisfaction, type Feedback } from './metrics.js';
import { median } from './stats.js';

export interface AgentNumbers {
  id: string;
  name: string;
  /** Cases of the hand-overs the agent held (a hand-over before its case counts the conversation's cases). */
  cases: number;
  handovers: number;
  /** Hours from the hand-over to the agent's first answer, over those answered; null when none was. */
  medianFirstResponseHours: number | null;
  /** Mean satisfaction of those cases; null when no customer answered. */
  averageSatisfaction: number | null;
  answered: number;
}

const HOUR_MS = 3_600_000;

/** One row per agent who held a hand-over, most cases first. */
export function agentNumbers(escalations: readonly Escalation[], cases: readonly CaseRecord[], feedback: readonly Feedback[]): AgentNumbers[] {
  const casesOfConversation = new Map<string, string[]>();
  for (const c of cases) casesOfConversation.set(c.conversationId, [...(casesOfConversation.get(c.conversationId) ?? []), c.id]);
  const byAgent = new Map<string, { name: string; handovers: Escalation[]; caseIds: Set<string> }>();
  for (const e of escalations) {
    if (!e.agent) continue;
    const entry = byAgent.get(e.agent.id) ?? { name: e.agent.name, handovers: [], caseIds: new Set<string>() };
    entry.handovers.push(e);
    for (const id of e.caseId ? [e.caseId] : casesOfConversation.get(e.conversationId) ?? []) entry.caseIds.add(id);
    byAgent.set(e.agent.id, entry);
  }
  return [...byAgent]
    .map(([id, { name, handovers, caseIds }]) => {
      const waits = handovers
        .filter((e) => e.firstResponseAt !== null)
        .map((e) => (Date.parse(e.firstResponseAt!) - Date.parse(e.createdAt)) / HOUR_MS);
      const opinion = satisfaction(feedback.filter((f) => caseIds.has(f.caseId)));
      return {
        id,
        name,
        cases: caseIds.size,
        handovers: handovers.length,
        medianFirstResponseHours: waits.length > 0 ? median(waits) : null,
        averageSatisfaction: opinion.answered > 0 ? opinion.average : null,
        answered: opinion.answered,
      };
    })
    .sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name));
}
