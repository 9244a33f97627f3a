/**
 * The numbers operations staff read (returns-domain.md, "Operations"): what comes back and why,
 * from which batch and supplier, over which channel, how long each step takes, which time
 * commitments were missed, and how satisfied customers were. Pure: the console loads the records.
 */
import type { CaseEvent, CaseRecord, Order, OrderLine } from '../bot/records.js';
import { quantile } from './stats.js';
import { stepSpans } from './steps.js';

/** One satisfaction answer (table case_feedback). */
export interface Feedback {
  caseId: string;
  score: number;
  comment: string | null;
  at: string;
}

export interface Count {
  key: string;
  cases: number;
  units: number;
}

export interface CaseCounts {
  reason: Count[];
  product: Count[];
  batch: Count[];
  supplier: Count[];
  channel: Count[];
}

/** Batch or supplier unknown (an old order line, a product bought without batch tracking). */
export const UNKNOWN = '(unknown)';

/**
 * A request is a return signal whatever was decided (a refused claim on a mouldy batch is still
 * a mouldy batch); only a case the customer withdrew is left out.
 */
export function countsAsReturn(record: CaseRecord): boolean {
  return record.status !== 'cancelled';
}

export function lineOf(record: CaseRecord, ordersById: ReadonlyMap<string, Order>): OrderLine | undefined {
  return ordersById.get(record.orderId)?.lines.find((l) => l.line === record.line);
}

/** Cases and units by reason, product, batch, supplier and channel; largest first. */
export function caseCounts(cases: readonly CaseRecord[], orders: readonly Order[]): CaseCounts {
  const byId = new Map(orders.map((o) => [o.id, o]));
  const tallies = { reason: new Map(), product: new Map(), batch: new Map(), supplier: new Map(), channel: new Map() } as Record<
    keyof CaseCounts,
    Map<string, Count>
  >;
  const add = (dimension: keyof CaseCounts, key: string, units: number) => {
    const count = tallies[dimension].get(key) ?? { key, cases: 0, units: 0 };
    count.cases += 1;
    count.units += units;
    tallies[dimension].set(key, count);
  };
  for (const record of cases) {
    if (!countsAsReturn(record)) continue;
    const line = lineOf(record, byId);
    add('reason', record.reason, record.quantity);
    add('product', record.sku, record.quantity);
    add('batch', line?.batchId ?? UNKNOWN, record.quantity);
    add('supplier', line?.supplierId ?? UNKNOWN, record.quantity);
    add('channel', record.channel, record.quantity);
  }
  const sorted = (m: Map<string, Count>) => [...m.values()].sort((a, b) => b.cases - a.cases || a.key.localeCompare(b.key));
  return {
    reason: sorted(tallies.reason),
    product: sorted(tallies.product),
    batch: sorted(tallies.batch),
    supplier: sorted(tallies.supplier),
    channel: sorted(tallies.channel),
  };
}

export interface BatchRate {
  batchId: string;
  sku: string;
  supplierId: string | null;
  delivered: number;
  returned: number;
  /** returned / delivered; NaN when nothing was delivered. */
  rate: number;
}

/**
 * Units returned / units delivered per batch, by cohort: of the units delivered in
 * [period.from, period.to) (ISO instants; all time when absent), how many were asked back. A
 * cohort rate can never exceed 100 %, but its last days are still young: returns of units
 * delivered yesterday mostly have not come in yet.
 */
export function returnRateByBatch(
  cases: readonly CaseRecord[],
  orders: readonly Order[],
  period?: { from: string; to: string },
): BatchRate[] {
  const inPeriod = (at: string) => !period || (Date.parse(at) >= Date.parse(period.from) && Date.parse(at) < Date.parse(period.to));
  const rates = new Map<string, BatchRate>();
  const cohort = new Set<string>();
  for (const order of orders) {
    if (order.deliveredAt === null || !inPeriod(order.deliveredAt)) continue;
    for (const line of order.lines) {
      if (line.batchId === null) continue;
      cohort.add(`${order.id}#${line.line}`);
      const rate = rates.get(line.batchId) ?? { batchId: line.batchId, sku: line.sku, supplierId: line.supplierId, delivered: 0, returned: 0, rate: 0 };
      rate.delivered += line.quantity;
      rates.set(line.batchId, rate);
    }
  }
  const byId = new Map(orders.map((o) => [o.id, o]));
  for (const record of cases) {
    const line = lineOf(record, byId);
    if (!line?.batchId || !countsAsReturn(record) || !cohort.has(`${record.orderId}#${record.line}`)) continue;
    rates.get(line.batchId)!.returned += record.quantity;
  }
  return [...rates.values()]
    .map((r) => ({ ...r, rate: r.delivered > 0 ? r.returned / r.delivered : Number.NaN }))
    .sort((a, b) => a.batchId.localeCompare(b.batchId));
}

export interface StepTime {
  step: string;
  /** Completed stays measured. */
  count: number;
  medianHours: number;
  p90Hours: number;
}

/**
 * Hours per lifecycle step over the stays that ended (a stay still open has no duration yet);
 * median and p90 by linear interpolation (ops/stats.ts), in lifecycle order of first appearance.
 */
export function stepTimes(events: readonly CaseEvent[], now: Date): StepTime[] {
  const hours = new Map<string, number[]>();
  for (const span of stepSpans(events, now)) {
    if (span.leftAt === null) continue;
    hours.set(span.step, [...(hours.get(span.step) ?? []), span.hours]);
  }
  return [...hours].map(([step, values]) => ({
    step,
    count: values.length,
    medianHours: quantile(values, 0.5),
    p90Hours: quantile(values, 0.9),
  }));
}

export interface SlaBreach {
  caseId: string;
  /** What was missed, as bot/sla-watch.ts writes it: 'first_response' or 'review'. */
  deadline: string;
  at: string;
}

const SLA_BREACHED = 'SLA breached';

/** Missed time commitments: the events bot/sla-watch.ts writes with a note 'SLA breached: <deadline>'. */
export function slaBreaches(events: readonly CaseEvent[]): { total: number; byDeadline: Record<string, number>; breaches: SlaBreach[] } {
  const breaches = events
    .filter((e) => e.note.startsWith(SLA_BREACHED))
    .map((e) => ({ caseId: e.caseId, deadline: e.note.slice(SLA_BREACHED.length).replace(/^:\s*/, '').trim() || UNKNOWN, at: e.at }));
  const byDeadline: Record<string, number> = {};
  for (const b of breaches) byDeadline[b.deadline] = (byDeadline[b.deadline] ?? 0) + 1;
  return { total: breaches.length, byDeadline, breaches };
}

export interface Satisfaction {
  /** Cases answered (each counted once, by its latest answer). */
  answered: number;
  /** Mean score 1–5; NaN when nobody answered. */
  average: number;
  /** Cases per score, 1 to 5. */
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
  /** Answers with a comment, newest first. */
  comments: Feedback[];
}

/**
 * A customer may answer again (every answer is kept); the latest answer is their opinion, so
 * each case counts once with it. Scores outside 1–5 are ignored.
 */
export function satisfaction(feedback: readonly Feedback[]): Satisfaction {
  const latest = new Map<string, Feedback>();
  for (const answer of feedback) {
    if (!Number.isInteger(answer.score) || answer.score < 1 || answer.score > 5) continue;
    const seen = latest.get(answer.caseId);
    if (!seen || Date.parse(answer.at) >= Date.parse(seen.at)) latest.set(answer.caseId, answer);
  }
  const answers = [...latest.values()];
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const a of answers) distribution[a.score as 1 | 2 | 3 | 4 | 5] += 1;
  return {
    answered: answers.length,
    average: answers.length > 0 ? answers.reduce((s, a) => s + a.score, 0) / answers.length : Number.NaN,
    distribution,
    comments: answers.filter((a) => a.comment !== null && a.comment.trim() !== '').sort((a, b) => b.at.localeCompare(a.at)),
  };
}
