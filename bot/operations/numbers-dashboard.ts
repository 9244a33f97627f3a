import { agentNumbers, type AgentNumbers } from '../../ops/agents.js';
import { daysEnding, localDay, type Day } from '../../ops/days.js';
import {
  caseCounts, countsAsReturn, returnRateByBatch, satisfaction, slaBreaches, stepTimes,
  type BatchRate, type CaseCounts, type Feedback, type SlaBreach, type StepTime,
} from '../../ops/metrics.js';
import type { Escalation } from '../desk.js';
import type { CaseEvent, CaseRecord, Order } from '../records.js';
import type { NumbersChoices } from './numbers-choices.js';
import { shownPeriod, type NumbersFilter, type Period, type ShownPeriod } from './numbers-filter.js';

/** What the dashboard draws; every number is over the cases created in the period that pass the filters. */
export interface Dashboard {
  period: ShownPeriod;
  filter: NumbersFilter;
  totals: {
    /** Requests that count as returns (withdrawn ones left out, as in every count below). */
    cases: number;
    units: number;
    withdrawn: number;
    open: number;
    /** What was granted as refunds (goods' value less fees) on cases whose outcome is a refund. */
    refundCents: number;
    deliveredUnits: number;
    returnedUnits: number;
    /** returnedUnits / deliveredUnits of the period's deliveries; null without deliveries. */
    returnRate: number | null;
    slaBreaches: number;
    averageSatisfaction: number | null;
  };
  counts: CaseCounts;
  /** Per batch, highest rate first: of the units delivered in the period, the share asked back (so far). */
  returnRates: (Omit<BatchRate, 'rate'> & { rate: number | null })[];
  steps: StepTime[];
  sla: { total: number; byDeadline: Record<string, number>; latest: SlaBreach[] };
  satisfaction: { answered: number; average: number | null; distribution: Record<1 | 2 | 3 | 4 | 5, number>; comments: Feedback[] };
  agents: AgentNumbers[];
  daily: { day: Day; cases: number }[];
  choices: NumbersChoices;
}

export interface DashboardInput {
  period: Period;
  zone: string;
  now: Date;
  filter: NumbersFilter;
  /** Cases created in the period passing the filters. */
  cases: CaseRecord[];
  ordersById: ReadonlyMap<string, Order>;
  /** Orders delivered in the period, their lines narrowed to the filters on what was bought. */
  delivered: Order[];
  /** Cases passing the filters created from the period's start until now: returns of the delivered units. */
  cohortCases: CaseRecord[];
  events: CaseEvent[];
  feedback: Feedback[];
  escalations: Escalation[];
  choices: NumbersChoices;
}

const LATEST = 10;

export function dashboardOf(input: DashboardInput): Dashboard {
  const { period, zone, now, cases } = input;
  const returns = cases.filter(countsAsReturn);
  const rates = returnRateByBatch(input.cohortCases, input.delivered, period)
    .map((r) => ({ ...r, rate: Number.isNaN(r.rate) ? null : r.rate }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.batchId.localeCompare(b.batchId));
  const deliveredUnits = rates.reduce((sum, r) => sum + r.delivered, 0);
  const returnedUnits = rates.reduce((sum, r) => sum + r.returned, 0);
  const sla = slaBreaches(input.events);
  const opinion = satisfaction(input.feedback);
  const average = opinion.answered > 0 ? opinion.average : null;
  const shown = shownPeriod(period, zone);
  return {
    period: shown,
    filter: input.filter,
    totals: {
      cases: returns.length,
      units: returns.reduce((sum, c) => sum + c.quantity, 0),
      withdrawn: cases.length - returns.length,
      open: returns.filter((c) => c.status !== 'closed').length,
      refundCents: returns.reduce((sum, c) => sum + (refundOf(c) ?? 0), 0),
      deliveredUnits,
      returnedUnits,
      returnRate: deliveredUnits > 0 ? returnedUnits / deliveredUnits : null,
      slaBreaches: sla.total,
      averageSatisfaction: average,
    },
    counts: caseCounts(returns, [...input.ordersById.values()]),
    returnRates: rates,
    steps: stepTimes(input.events, now),
    sla: { total: sla.total, byDeadline: sla.byDeadline, latest: sla.breaches.sort((a, b) => b.at.localeCompare(a.at)).slice(0, LATEST) },
    satisfaction: { answered: opinion.answered, average, distribution: opinion.distribution, comments: opinion.comments.slice(0, LATEST) },
    agents: agentNumbers(input.escalations, cases, input.feedback),
    daily: dailyCounts(returns, shown.firstDay, shown.lastDay, zone),
    choices: input.choices,
  };
}

/** Every day of the period, days without a case included, so the trend line has no gaps. */
function dailyCounts(cases: readonly CaseRecord[], firstDay: Day, lastDay: Day, zone: string): { day: Day; cases: number }[] {
  const length = Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${firstDay}T00:00:00Z`)) / 86_400_000) + 1;
  const counts = new Map(daysEnding(lastDay, length).map((day) => [day, 0]));
  for (const c of cases) {
    const day = localDay(c.createdAt, zone);
    if (counts.has(day)) counts.set(day, counts.get(day)! + 1);
  }
  return [...counts].map(([day, n]) => ({ day, cases: n }));
}

/** The refund a case grants, fees taken off; null unless its outcome is a refund. */
export function refundOf(record: CaseRecord): number | null {
  if (record.outcome !== 'refund' || record.decision.refused) return null;
  const fees = record.decision.fees.reduce((sum, f) => sum + f.cents, 0);
  return Math.max(0, record.decision.refundCents - fees);
}
