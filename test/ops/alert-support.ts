import { AnomalyWatch } from '../../bot/operations/anomaly-watch.js';
import type { OperationsRecords } from '../../bot/operations/ops-records.js';
import { DEMO_RULES } from '../../data/demo/demo-rules.js';
import { seedDemoData } from '../../data/demo/seed.js';
import { seedDemoHistory } from '../../data/demo/seed-history.js';
import { SqliteAlertStore } from '../../data/sqlite/alert-store.js';
import { SqliteOperationsRecords } from '../../data/sqlite/operations-records.js';
import { openTempStore, type TempStore } from '../data/fixtures.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { TestClock } from '../support/test-bot.js';

/** The demo history's `now`: B-MIL-2611 went bad 12 days before. */
export const NOW = new Date('2026-11-20T02:00:00.000Z');
export const DAY_MS = 86_400_000;
/** The watch's quiet period in these tests: the setting's default. */
export const QUIET_DAYS = 3;

export interface LogLine {
  level: number;
  msg: string;
  alert?: string;
}

export const WARN = 40;
export const INFO = 30;
export const ERROR = 50;

/** An empty alerts table on a fresh temporary SQLite store, and how to throw the store away. */
export async function emptyAlertStore(): Promise<{ alerts: SqliteAlertStore; dispose: () => Promise<void> }> {
  const temp = await openTempStore();
  return { alerts: new SqliteAlertStore(temp.store.db), dispose: () => temp.dispose() };
}

export interface AlertShop {
  temp: TempStore;
  alerts: SqliteAlertStore;
  clock: TestClock;
  watch: AnomalyWatch;
  lines: LogLine[];
  dispose(): Promise<void>;
}

/**
 * A real SQLite store with the demo shop and its 60 days of history up to NOW, the watch on it
 * (its clock at NOW, the shop's zone, a quiet period of QUIET_DAYS), and the watch's log lines.
 */
export async function alertShop(options: { records?: (real: OperationsRecords) => OperationsRecords; changed?: () => void } = {}): Promise<AlertShop> {
  const temp = await openTempStore();
  await seedDemoData(temp.store, NOW);
  await seedDemoHistory(temp.store, NOW);
  const alerts = new SqliteAlertStore(temp.store.db);
  const clock = new TestClock(NOW);
  const { logger, lines } = capturingLogger<LogLine>();
  const real = new SqliteOperationsRecords(temp.store.db);
  const watch = new AnomalyWatch({
    records: options.records ? options.records(real) : real,
    alerts,
    zone: () => DEMO_RULES.timezone,
    clock: clock.now,
    logger,
    intervalMs: 3_600_000,
    quietDays: QUIET_DAYS,
    ...(options.changed && { changed: options.changed }),
  });
  return { temp, alerts, clock, watch, lines, dispose: () => temp.dispose() };
}
