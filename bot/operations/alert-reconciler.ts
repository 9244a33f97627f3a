import { isDeepStrictEqual } from 'node:util';
import type { Alert, AlertChanges, AlertDraft } from './alert-store.js';

/**
 * One alert per anomaly until it clears: an anomaly without an open alert raises one, one still
 * present keeps its alert (with the latest numbers), an open alert whose anomaly is gone clears.
 */
export function reconcileAlerts(open: readonly Alert[], current: readonly AlertDraft[]): AlertChanges {
  const openByKey = new Map(open.map(alert => [alert.key, alert]));
  const currentKeys = new Set(current.map(draft => draft.key));
  const changes: AlertChanges = { raise: [], refresh: [], clear: [] };
  for (const draft of current) {
    const alert = openByKey.get(draft.key);
    if (!alert) changes.raise.push(draft);
    else if (alert.message !== draft.message || !isDeepStrictEqual(alert.details, draft.details)) changes.refresh.push({ id: alert.id, draft });
  }
  for (const alert of open) if (!currentKeys.has(alert.key)) changes.clear.push(alert.id);
  return changes;
}
