import { localDay } from '../../ops/days.js';
import type { Logger } from '../logger.js';
import { reconcileAlerts } from './alert-reconciler.js';
import type { Alert, AlertStore } from './alert-store.js';
import { currentAnomalies } from './current-anomalies.js';
import type { OperationsRecords } from './ops-records.js';

export interface AnomalyWatchOptions {
  records: OperationsRecords;
  alerts: AlertStore;
  /** The shop's time zone (the rules'), read at each run: days are the shop's days. */
  zone: () => string;
  clock: () => Date;
  logger: Logger;
  intervalMs: number;
  /** Whole shop days an anomaly must stay absent before its alert clears (OPS_ALERT_QUIET_DAYS). */
  quietDays: number;
  /** Called after a run that raised or cleared something (to publish it without waiting). */
  changed?: () => void;
}

/**
 * Looks for anomalies at start and then every `intervalMs`, and keeps the alerts table in step:
 * one alert per anomaly until it has been absent for `quietDays` (alert-reconciler.ts), each raise
 * a warn line and each clear an info line. While a batch's alert is open, its product and supplier
 * are tested without it. A failed run is logged and the next one tries again; the bot goes on either way.
 */
export class AnomalyWatch {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<{ raised: Alert[]; cleared: Alert[] }> | undefined;

  constructor(private readonly options: AnomalyWatchOptions) {}

  start(): void {
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One run; a run asked for while one is under way shares its result. */
  runOnce(): Promise<{ raised: Alert[]; cleared: Alert[] }> {
    this.running ??= this.run().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async run(): Promise<{ raised: Alert[]; cleared: Alert[] }> {
    const { records, alerts, zone, clock, logger, quietDays, changed } = this.options;
    try {
      const now = clock();
      const shopZone = zone();
      const open = await alerts.open();
      const alertedBatches = new Set(open.filter(alert => alert.kind === 'batch').map(alert => alert.details.subject));
      const current = await currentAnomalies(records, now, shopZone, alertedBatches);
      const quiet = { today: localDay(now, shopZone), zone: shopZone, days: quietDays };
      const applied = await alerts.apply(reconcileAlerts(open, current, quiet), now.toISOString());
      for (const alert of applied.raised) logger.warn({ alert: alert.key, alertId: alert.id, details: alert.details }, `alert raised: ${alert.message}`);
      for (const alert of applied.cleared) logger.info({ alert: alert.key, alertId: alert.id, raisedAt: alert.raisedAt }, `alert cleared: ${alert.key}`);
      if (applied.raised.length > 0 || applied.cleared.length > 0) changed?.();
      return applied;
    } catch (error) {
      logger.error({ err: error }, 'anomaly watch failed; the next run tries again');
      return { raised: [], cleared: [] };
    }
  }
}
