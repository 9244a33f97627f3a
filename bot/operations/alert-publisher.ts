import { BackgroundPass } from '../background-pass.js';
import type { Logger } from '../logger.js';
import type { AlertSink } from './alert-sink.js';
import type { AlertStore } from './alert-store.js';

export interface AlertPublisherOptions {
  alerts: AlertStore;
  sink: AlertSink;
  clock: () => Date;
  logger: Logger;
  /** A failed alert is offered again once this long has passed since it was taken. */
  retryAfterMs?: number;
  intervalMs?: number;
  /**
   * Alerts whose latest change is older than this are marked published without being sent: a
   * sink switched on after months (Slack configured later) must not flood the channel with history.
   */
  maxAgeMs?: number;
}

const DAY_MS = 86_400_000;

/**
 * Publishes each alert's latest state (raised, then cleared) from the alerts table, at least
 * once: a state is marked published only after the sink took it, so a failure (Slack down)
 * leaves it pending for a later pass.
 */
export class AlertPublisher extends BackgroundPass {
  /** After a failure nothing is tried before this time: the sink gets a rest. */
  private pausedUntil = 0;

  constructor(private readonly options: AlertPublisherOptions) {
    super(options.intervalMs ?? 30_000);
  }

  /** Also publishes at once: alerts raised while the bot was down are waiting. */
  override start(): void {
    super.start();
    this.kick();
  }

  protected async pass(): Promise<void> {
    const { alerts, sink, clock, logger } = this.options;
    const retryAfterMs = this.options.retryAfterMs ?? 60_000;
    const maxAgeMs = this.options.maxAgeMs ?? DAY_MS;
    const now = clock().getTime();
    if (now < this.pausedUntil) return;
    try {
      for (const claimed of await alerts.claimUnpublished(new Date(now).toISOString(), new Date(now - retryAfterMs).toISOString(), 50)) {
        const { alert } = claimed;
        const changedAt = Date.parse(alert.clearedAt ?? alert.raisedAt);
        if (now - changedAt > maxAgeMs) {
          logger.info({ alert: alert.key, alertId: alert.id }, 'alert too old to announce; not sent');
        } else {
          try {
            await (alert.clearedAt === null ? sink.raised(alert) : sink.cleared(alert));
          } catch (error) {
            logger.warn({ err: error, alert: alert.key, alertId: alert.id }, 'alert could not be announced; will retry');
            this.pausedUntil = clock().getTime() + retryAfterMs;
            return;
          }
        }
        await alerts.markPublished(claimed, clock().toISOString());
      }
    } catch (error) {
      logger.error({ err: error }, 'alert publishing failed');
    }
  }
}
