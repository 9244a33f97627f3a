import { isDeepStrictEqual } from 'node:util';
import { addDays, localDay, type Day } from '../../ops/days.js';
import type { Alert, AlertChanges, AlertDraft } from './alert-store.js';

/** How long an anomaly must stay away before its alert clears. */
export interface QuietPeriod {
  /** The shop day ('YYYY-MM-DD') of the run. */
  today: Day;
  /** The shop's time zone: `lastSeenAt` counts on the shop day it fell on. */
  zone: string;
  /** Whole shop days without the anomaly, after the day it was last seen. */
  days: number;
}

/**
 * One alert per anomaly until it clears: an anomaly without an open alert raises one, one still
 * present keeps its alert (seen now, with the latest numbers). An open alert whose anomaly is gone
 * clears only once it has been absent for the quiet period: the tests hover around their threshold
 * as a bad batch's returns come and go, and a clear followed by a new raise days later would post
 * the same problem to the channel again and again.
 */
export function reconcileAlerts(open: readonly Alert[], current: readonly AlertDraft[], quiet: QuietPeriod): AlertChanges {
  const openByKey = new Map(open.map(alert => [alert.key, alert]));
  const currentKeys = new Set(current.map(draft => draft.key));
  const changes: AlertChanges = { raise: [], seen: [], refresh: [], clear: [] };
  for (const draft of current) {
    const alert = openByKey.get(draft.key);
    if (!alert) {
      changes.raise.push(draft);
      continue;
    }
    changes.seen.push(alert.id);
    if (alert.message !== draft.message || !isDeepStrictEqual(alert.details, draft.details)) changes.refresh.push({ id: alert.id, draft });
  }
  // Last seen before this day: the whole days since, today excluded, number at least `quiet.days`.
  const quietSince = addDays(quiet.today, -quiet.days);
  for (const alert of open) {
    if (!currentKeys.has(alert.key) && localDay(alert.lastSeenAt, quiet.zone) < quietSince) changes.clear.push(alert.id);
  }
  return changes;
}
