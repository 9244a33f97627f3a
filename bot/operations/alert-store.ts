import type { Anomaly } from '../../ops/anomaly.js';

export type AlertKind = Anomaly['kind'];

/** What the console and Slack show beside the message: the numbers behind an alert. */
export interface AlertDetails {
  /** The batch id, SKU, supplier id or lifecycle status the alert is about. */
  subject: string;
  /** First shop-local day ('YYYY-MM-DD') of the anomaly. */
  since: string;
  /** Days over which `observed` is measured, ending on the day evaluated. */
  windowDays: number;
  /** Units returned (batch, product, supplier) or median hours in the step (step) over the window. */
  observed: number;
  /** What the subject's own baseline predicts, in the same unit. */
  expected: number;
}

/** An anomaly as an alert would record it; `key` is `<kind>:<subject>`, e.g. 'batch:B-MIL-2611'. */
export interface AlertDraft {
  key: string;
  kind: AlertKind;
  message: string;
  details: AlertDetails;
}

export interface Alert extends AlertDraft {
  id: number;
  raisedAt: string;
  /** The last run that saw the anomaly: the quiet period before the alert clears counts from here. */
  lastSeenAt: string;
  /** null until the anomaly has been absent for the quiet period. */
  clearedAt: string | null;
}

/**
 * What one run of the watch changes: new alerts, open ones whose anomaly is still there (`seen`,
 * some of them with newer numbers in `refresh`), and those that cleared.
 */
export interface AlertChanges {
  raise: AlertDraft[];
  seen: number[];
  refresh: { id: number; draft: AlertDraft }[];
  clear: number[];
}

/** An alert taken for publishing, with the claim that must still hold when it is marked published. */
export interface ClaimedAlert {
  alert: Alert;
  claimedAt: string;
}

/**
 * The alerts table: at most one open alert per key. Each alert is published (to Slack) in its
 * latest state: raised, then cleared; clearing makes a published alert pending again.
 */
export interface AlertStore {
  /** Open alerts, oldest first. */
  open(): Promise<Alert[]>;
  /** Alerts open at some time in [from, to) (ISO instants), newest first, at most `limit`. */
  between(from: string, to: string, limit: number): Promise<Alert[]>;
  /**
   * Applies one run's changes in one transaction, `at` being the run's time (raised, last seen or
   * cleared); says which alerts were raised and cleared. A key already open is not raised again
   * (another process got there first).
   */
  apply(changes: AlertChanges, at: string): Promise<{ raised: Alert[]; cleared: Alert[] }>;
  /** Takes up to `limit` alerts whose latest state is not published, skipping claims newer than `claimedBefore`. */
  claimUnpublished(now: string, claimedBefore: string, limit: number): Promise<ClaimedAlert[]>;
  /** Marks the claimed state published, unless the alert changed (cleared) since it was claimed. */
  markPublished(claimed: ClaimedAlert, at: string): Promise<void>;
}
