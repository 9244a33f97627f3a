/**
 * Alerts for operations staff: a batch, product or supplier whose return rate rose, and a
 * lifecycle step that got slow. Pure: the caller gathers the counts (ops/series.ts, ops/steps.ts).
 *
 * RETURN RATE: a Gamma–Poisson (negative binomial) predictive test, one-sided, per key per day.
 *  - The returns of a key on a day are Poisson with mean rate × units delivered that day. Returns
 *    are counted on the day they are asked for, deliveries on the day they arrive; with a steady
 *    flow the lag between the two cancels out.
 *  - The key's own rate is learnt from its baseline: the B = 28 days before the window, plus a
 *    prior of 100 pseudo-units at the pooled rate of all keys over that baseline (Gamma prior),
 *    so a new or tiny batch starts at the shop's usual rate rather than at 0/0.
 *  - The returns observed over the last W = 7 days are compared with what that rate predicts. As
 *    the rate is only estimated, the prediction is the posterior predictive distribution, which
 *    for a Gamma posterior and a Poisson count is negative binomial: r = prior returns + baseline
 *    returns, q = β / (β + window units) with β = prior units + baseline units. The p-value is
 *    P(X ≥ observed) under it; it accounts for a baseline that is short or noisy, which a plain
 *    Poisson test against the point estimate would not (and would alarm too often).
 *  - Alarm when p < alpha = 0.001 and at least 3 units were returned in the window: one or two
 *    returns of a tiny batch are never an alert, however unexpected.
 *  False alarms: alpha = 0.001 bounds the chance that a key whose rate did not change alarms on a
 *  given day (discreteness makes it lower still): about one false alarm per key per 3 years.
 *  Computed exactly for a key at 2 % and 50 units a day: 0.78 alarming days per 1000 key-days;
 *  simulated (50 keys × 365 days, 4 seeds): 0.77 per 1000, i.e. 14 alarming days and 8 distinct
 *  episodes per 18 250 key-days. Alarms on consecutive days belong to one episode (an unlucky
 *  week stays unlucky for a few days); `since` gives the first day of the run so the console can
 *  show one alert per episode: about one false episode per key per 6 years.
 *  Detection delay (simulated, 200 keys): a rise from 2 % to 8 % at 50 units a day is flagged on
 *  day 4 after the change at the median, day 7 at p95 (counting the change day as day 1); 1 key
 *  in 200 was not flagged within 10 days. A larger volume or jump is seen sooner, a smaller one later.
 *  Limit: the baseline follows the key, so once the bad days fill a good part of it (two to three
 *  weeks for a 2 % → 15 % jump) the alarm fades; the console should keep an alert open until
 *  someone acknowledges it rather than clear it when the test goes quiet.
 *  One cause, one alert: batches are tested first; a product is then tested without its flagged
 *  batches, and a supplier without its flagged batches and products, so a bad batch does not
 *  also raise its product and supplier, while a problem spread over batches still shows. The
 *  caller may name batches already known bad (an alert still open): they are left out the same
 *  way, so a bad batch whose own test goes quiet for a day (its alarm fading as above, or a day
 *  without returns) does not surface as its product's or supplier's alarm instead.
 *
 * STEP DURATION: a step is slow when the median time spent in it over the last 7 days is more
 *  than k = 2 × its median over the 28 days before (a median under 1 h counts as 1 h, so that a
 *  step passed in seconds does not alarm on minutes), with at least 5 stays in each period, AND
 *  a sign test agrees: under "nothing changed" each recent stay exceeds the baseline median with
 *  probability ½, so the count above it is Binomial(n, ½); alarm only when P(count ≥ seen) < 0.01.
 *  The ratio says the slowdown matters, the sign test that it is not the luck of a few stays;
 *  the sign test needs no assumption on the shape of durations, so the false-alarm rate is about
 *  1 % per step per day at most however spread out a step's times are (about: the baseline median
 *  is itself estimated; fewer than 7 stays can never pass it). Measured on stable log-normal
 *  steps, 14 stays a week (2000 step-days each): 0 % at σ = 0.5, 0.7 % at σ = 1. The median
 *  ignores a few stuck cases (those are the SLA alerts' job); a stay still open counts with the
 *  time so far, a lower bound, so a stalled step (nothing leaving it) is still seen and an alert
 *  never overstates.
 */
import { addDays, daysEnding, localDay, type Day } from './days.js';
import { binomialUpperTail, median, negBinomialUpperTail } from './stats.js';
import type { StepSpan } from './steps.js';

/** Units delivered on a day and units whose return was asked for that day. */
export interface DailyUnits {
  day: Day;
  delivered: number;
  returned: number;
}

/** The daily counts of one batch of one product from one supplier (batch and supplier may be unknown). */
export interface UnitSeries {
  batchId: string | null;
  sku: string;
  supplierId: string | null;
  days: readonly DailyUnits[];
}

export interface RateAnomaly {
  key: string;
  kind: 'batch' | 'product' | 'supplier';
  /** First day of the run of consecutive alarming days that ends on the evaluated day. */
  since: Day;
  /** Units returned in the window. */
  observed: number;
  /** Units the key's baseline rate predicts for the units delivered in the window. */
  expected: number;
  pValue: number;
  message: string;
}

export interface StepAnomaly {
  key: string;
  kind: 'step';
  /** Day the earliest of the recent slow stays began. */
  since: Day;
  /** Median hours in the step over the recent days. */
  observed: number;
  /** Median hours over the baseline days. */
  expected: number;
  ratio: number;
  message: string;
}

export type Anomaly = RateAnomaly | StepAnomaly;

export interface RateOptions {
  windowDays: number;
  baselineDays: number;
  alpha: number;
  minReturns: number;
  /** Weight of the pooled rate in each key's baseline, in units delivered. */
  priorUnits: number;
}

export const RATE_DEFAULTS: RateOptions = { windowDays: 7, baselineDays: 28, alpha: 0.001, minReturns: 3, priorUnits: 100 };

/** A floor on the pooled rate: a shop with no returns yet must not make every first return infinitely surprising. */
const MIN_PRIOR_RATE = 0.001;

interface Cell {
  series: UnitSeries;
  byDay: Map<Day, DailyUnits>;
}

interface RateTest {
  observed: number;
  expected: number;
  pValue: number;
  alarm: boolean;
  delivered: number;
  baselineRate: number;
}

/**
 * Return-rate alerts on `day` (shop-local 'YYYY-MM-DD'), batches first, then products, then
 * suppliers; `knownBadBatches` stay out of the product and supplier tests like flagged batches.
 */
export function returnRateAnomalies(
  series: readonly UnitSeries[],
  day: Day,
  options: Partial<RateOptions> = {},
  knownBadBatches: ReadonlySet<string> = new Set(),
): RateAnomaly[] {
  const opts = { ...RATE_DEFAULTS, ...options };
  const cells: Cell[] = series.map((s) => ({ series: s, byDay: new Map(s.days.map((d) => [d.day, d])) }));
  const prior = pooledRates(cells, opts);
  const found: RateAnomaly[] = [];

  const testGroups = (kind: RateAnomaly['kind'], keyOf: (s: UnitSeries) => string | null, excluded: (s: UnitSeries) => boolean) => {
    const groups = new Map<string, Cell[]>();
    for (const cell of cells) {
      const key = keyOf(cell.series);
      if (key === null || excluded(cell.series)) continue;
      groups.set(key, [...(groups.get(key) ?? []), cell]);
    }
    const flagged = new Set<string>();
    for (const [key, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      const result = rateTest(group, day, prior(day), opts);
      if (!result.alarm) continue;
      flagged.add(key);
      found.push(rateAnomaly(kind, key, sinceOf(group, day, prior, opts), result, day, opts));
    }
    return flagged;
  };

  const badBatches = new Set([...knownBadBatches, ...testGroups('batch', (s) => s.batchId, () => false)]);
  const badProducts = testGroups('product', (s) => s.sku, (s) => s.batchId !== null && badBatches.has(s.batchId));
  testGroups('supplier', (s) => s.supplierId, (s) => (s.batchId !== null && badBatches.has(s.batchId)) || badProducts.has(s.sku));
  return found;
}

function rateTest(group: readonly Cell[], day: Day, priorRate: number, opts: RateOptions): RateTest {
  const sum = (days: Day[], field: 'delivered' | 'returned') =>
    group.reduce((total, cell) => total + days.reduce((t, d) => t + (cell.byDay.get(d)?.[field] ?? 0), 0), 0);
  const { window, baseline } = periods(day, opts);
  const delivered = sum(window, 'delivered');
  const observed = sum(window, 'returned');
  const shape = priorRate * opts.priorUnits + sum(baseline, 'returned');
  const scale = opts.priorUnits + sum(baseline, 'delivered');
  const expected = (shape / scale) * delivered;
  const pValue = negBinomialUpperTail(observed, shape, scale / (scale + delivered));
  return { observed, expected, pValue, delivered, baselineRate: shape / scale, alarm: observed >= opts.minReturns && pValue < opts.alpha };
}

/** The window's days and the baseline's days before it, memoised (the scans ask for the same days again and again). */
const periodMemo = new Map<string, { window: Day[]; baseline: Day[] }>();
function periods(day: Day, opts: RateOptions): { window: Day[]; baseline: Day[] } {
  const key = `${day}/${opts.windowDays}/${opts.baselineDays}`;
  let found = periodMemo.get(key);
  if (!found) {
    if (periodMemo.size > 10_000) periodMemo.clear();
    found = { window: daysEnding(day, opts.windowDays), baseline: daysEnding(addDays(day, -opts.windowDays), opts.baselineDays) };
    periodMemo.set(key, found);
  }
  return found;
}

/** Walks back while the key keeps alarming, at most one baseline and window back. */
function sinceOf(group: readonly Cell[], day: Day, prior: (d: Day) => number, opts: RateOptions): Day {
  let since = day;
  for (let back = 1; back < opts.windowDays + opts.baselineDays; back++) {
    const earlier = addDays(day, -back);
    if (!rateTest(group, earlier, prior(earlier), opts).alarm) break;
    since = earlier;
  }
  return since;
}

/** The pooled baseline rate of all keys as seen from each evaluated day, memoised. */
function pooledRates(cells: readonly Cell[], opts: RateOptions): (day: Day) => number {
  const memo = new Map<Day, number>();
  return (day) => {
    let rate = memo.get(day);
    if (rate === undefined) {
      const { baseline } = periods(day, opts);
      let delivered = 0;
      let returned = 0;
      for (const cell of cells) {
        for (const d of baseline) {
          delivered += cell.byDay.get(d)?.delivered ?? 0;
          returned += cell.byDay.get(d)?.returned ?? 0;
        }
      }
      rate = Math.max(MIN_PRIOR_RATE, delivered > 0 ? returned / delivered : 0);
      memo.set(day, rate);
    }
    return rate;
  };
}

function rateAnomaly(kind: RateAnomaly['kind'], key: string, since: Day, t: RateTest, day: Day, opts: RateOptions): RateAnomaly {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return {
    key,
    kind,
    since,
    observed: t.observed,
    expected: t.expected,
    pValue: t.pValue,
    message:
      `${kind} ${key}: ${t.observed} units returned of ${t.delivered} delivered in the ${opts.windowDays} days to ${day} ` +
      `(${pct(t.delivered > 0 ? t.observed / t.delivered : 0)}); its usual rate ${pct(t.baselineRate)} predicts ` +
      `${t.expected.toFixed(1)} (p = ${t.pValue.toExponential(1)}), rising since ${since}`,
  };
}

export interface StepOptions {
  recentDays: number;
  baselineDays: number;
  /** How many times the baseline median the recent median must exceed. */
  factor: number;
  /** Stays needed in each period before anything is said. */
  minSamples: number;
  /** Level of the sign test on the recent stays above the baseline median. */
  alpha: number;
  /**
   * Baseline medians below this many hours count as this: a step that usually passes in seconds
   * (approved → awaiting_parcel happens in the same turn) would otherwise alarm on any wait.
   */
  minHours: number;
}

export const STEP_DEFAULTS: StepOptions = { recentDays: 7, baselineDays: 28, factor: 2, minSamples: 5, alpha: 0.01, minHours: 1 };

/**
 * Steps whose recent median stay exceeds `factor` × their baseline median. `spans` should come
 * from `stepSpans(events, now)` with `now` at the end of `day`; a stay belongs to the day it
 * ended, an open one to `day`.
 */
export function stepDurationAnomalies(
  spans: readonly StepSpan[],
  day: Day,
  zone: string,
  options: Partial<StepOptions> = {},
): StepAnomaly[] {
  const opts = { ...STEP_DEFAULTS, ...options };
  const recentFrom = addDays(day, -opts.recentDays + 1);
  const baselineFrom = addDays(recentFrom, -opts.baselineDays);
  const byStep = new Map<string, { recent: StepSpan[]; baseline: number[] }>();
  for (const span of spans) {
    const ended = span.leftAt === null ? day : localDay(span.leftAt, zone);
    if (ended > day || ended < baselineFrom) continue;
    const entry = byStep.get(span.step) ?? { recent: [], baseline: [] };
    if (ended >= recentFrom) entry.recent.push(span);
    else if (span.leftAt !== null) entry.baseline.push(span.hours);
    byStep.set(span.step, entry);
  }
  const found: StepAnomaly[] = [];
  for (const [step, { recent, baseline }] of [...byStep].sort(([a], [b]) => a.localeCompare(b))) {
    if (recent.length < opts.minSamples || baseline.length < opts.minSamples) continue;
    const observed = median(recent.map((s) => s.hours));
    const expected = Math.max(median(baseline), opts.minHours);
    if (!(observed > opts.factor * expected)) continue;
    const above = recent.filter((s) => s.hours > median(baseline)).length;
    if (binomialUpperTail(above, recent.length, 0.5) >= opts.alpha) continue;
    const slow = recent.filter((s) => s.hours > opts.factor * expected);
    const since = slow.map((s) => localDay(s.enteredAt, zone)).sort()[0] ?? day;
    const ratio = expected > 0 ? observed / expected : Number.POSITIVE_INFINITY;
    found.push({
      key: step,
      kind: 'step',
      since,
      observed,
      expected,
      ratio,
      message:
        `step ${step}: median ${observed.toFixed(1)} h over the ${opts.recentDays} days to ${day} (${recent.length} stays), ` +
        `${ratio.toFixed(1)}× its usual ${expected.toFixed(1)} h; slow stays since ${since}`,
    });
  }
  return found;
}
