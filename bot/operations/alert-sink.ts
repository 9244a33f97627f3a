import type { Alert } from './alert-store.js';

/**
 * Where alerts are announced beyond the console and the log (the operations Slack channel).
 * Either call may throw: the alert stays pending and is offered again later, so a sink may see
 * the same state twice but never loses one.
 */
export interface AlertSink {
  raised(alert: Alert): Promise<void>;
  cleared(alert: Alert): Promise<void>;
}
