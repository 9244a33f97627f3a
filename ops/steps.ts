import { NEXT_STEPS } from '../bot/lifecycle/transitions.js';
import type { CaseEvent, CaseStatus } from '../bot/records.js';

/** One stay of one case in one lifecycle status, from the event that entered it to the one that left it. */
export interface StepSpan {
  caseId: string;
  step: CaseStatus;
  enteredAt: string;
  /** null while the case is still in this status at `now`. */
  leftAt: string | null;
  /** Hours spent; for a step still open, the hours so far (a lower bound). */
  hours: number;
}

const HOUR_MS = 3_600_000;

/**
 * Cuts each case's events into the stays in each status. Events that keep the status (an SLA
 * notice, a courier's tracking update) are notes, not steps, and are skipped; final statuses
 * (closed, cancelled) have no duration.
 */
export function stepSpans(events: readonly CaseEvent[], now: Date): StepSpan[] {
  const byCase = new Map<string, CaseEvent[]>();
  for (const event of events) {
    if (event.from !== null && event.from === event.to) continue;
    const list = byCase.get(event.caseId) ?? [];
    list.push(event);
    byCase.set(event.caseId, list);
  }
  const spans: StepSpan[] = [];
  for (const [caseId, list] of byCase) {
    // Stable sort: events written in one turn share an instant and keep their written order.
    const ordered = [...list].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    ordered.forEach((event, i) => {
      if (NEXT_STEPS[event.to].length === 0) return;
      const next = ordered[i + 1];
      const end = next ? Date.parse(next.at) : now.getTime();
      spans.push({
        caseId,
        step: event.to,
        enteredAt: event.at,
        leftAt: next ? next.at : null,
        hours: Math.max(0, end - Date.parse(event.at)) / HOUR_MS,
      });
    });
  }
  return spans;
}
