import type { Express } from 'express';
import { opsConsole } from '../adapters/ops/ops-console.js';
import type { OpsSection } from '../adapters/ops/section.js';
import { alertsSection } from '../adapters/ops/sections/alerts.js';
import { auditSection } from '../adapters/ops/sections/audit.js';
import { crisesSection } from '../adapters/ops/sections/crises.js';
import { numbersSections } from '../adapters/ops/sections/numbers.js';
import { rulesSection } from '../adapters/ops/sections/rules.js';
import { SqliteAlertStore } from '../data/sqlite/alert-store.js';
import { SqliteAuditLog } from '../data/sqlite/audit-log.js';
import { SqliteCrisisStore } from '../data/sqlite/crisis-store.js';
import { SqliteOperationsRecords } from '../data/sqlite/operations-records.js';
import { SqliteOperatorStore } from '../data/sqlite/operator-store.js';
import type { Core } from './app.js';
import type { Config } from './config.js';
import { OperatorAccounts } from './operations/accounts.js';
import { AlertPublisher } from './operations/alert-publisher.js';
import type { AlertSink } from './operations/alert-sink.js';
import type { AuditLog } from './operations/audit-log.js';
import { AnomalyWatch } from './operations/anomaly-watch.js';
import { CrisisDesk } from './operations/crisis-desk.js';
import { CrisisNotifier } from './operations/crisis-notifier.js';
import { ensureFirstOperator } from './operations/first-operator.js';
import { Numbers } from './operations/numbers.js';
import type { OperationsRecords } from './operations/ops-records.js';
import { RulesDesk } from './operations/rules-desk.js';
import { RulesVersions } from './operations/rules-versions.js';

export interface OperationsDeps {
  app: Express;
  config: Config;
  core: Core;
  /** Where alerts are announced besides the console and the log: the operations Slack channel, when Slack is configured. */
  alertSink?: AlertSink;
}

export interface RunningOperations {
  stop(): Promise<void>;
}

/** What each part of the console is built from. */
interface Parts extends OperationsDeps {
  records: OperationsRecords;
  /** The one audit trail every desk and the accounts write to. */
  audit: AuditLog;
  zone: () => string;
}

interface Part {
  sections: OpsSection[];
  stop?: () => Promise<void>;
}

/**
 * The operations console at /ops and what runs behind it: each part contributes its API sections
 * and, where it has one, a background job stopped with the bot.
 */
export async function mountOperations(deps: OperationsDeps): Promise<RunningOperations> {
  const { core, config } = deps;
  const audit = new SqliteAuditLog(core.store.db);
  const parts: Parts = { ...deps, records: new SqliteOperationsRecords(core.store.db), audit, zone: () => core.rules.current().timezone };
  const running = [numbersPart(parts), rulesPart(parts), alertsPart(parts), crisesPart(parts), auditPart(parts)];

  const { sessionHours, lockout } = config.opsSignIn;
  const accounts = new OperatorAccounts({ store: new SqliteOperatorStore(core.store.db), audit, clock: core.clock, sessionHours, lockout });
  await ensureFirstOperator(accounts, config.dataDir, core.logger);
  const cookie = { secure: config.publicUrl?.startsWith('https:') ?? false, sessionHours };
  deps.app.use('/ops', opsConsole({ sections: running.flatMap(part => part.sections), accounts, cookie, logger: core.logger }));
  return {
    async stop() {
      for (const part of running.reverse()) await part.stop?.();
    },
  };
}

function numbersPart({ core, records, zone }: Parts): Part {
  const numbers = new Numbers({ records, store: core.store, rules: () => core.rules.current(), clock: core.clock });
  return { sections: numbersSections({ numbers, zone, clock: core.clock, logger: core.logger }) };
}

function rulesPart({ core, config, records, audit }: Parts): Part {
  const desk = new RulesDesk({ versions: new RulesVersions(config.rulesFile), rules: core.rules, records, audit, clock: core.clock, logger: core.logger });
  return { sections: [rulesSection(desk)] };
}

function alertsPart({ core, config, records, zone, alertSink }: Parts): Part {
  const alerts = new SqliteAlertStore(core.store.db);
  const publisher = alertSink && new AlertPublisher({ alerts, sink: alertSink, clock: core.clock, logger: core.logger });
  const watch = new AnomalyWatch({
    records,
    alerts,
    zone,
    clock: core.clock,
    logger: core.logger,
    intervalMs: config.opsAnomalyIntervalMinutes * 60_000,
    quietDays: config.opsAlertQuietDays,
    changed: () => publisher?.kick(),
  });
  publisher?.start();
  watch.start();
  return {
    sections: [alertsSection({ alerts, clock: core.clock, zone })],
    async stop() {
      await watch.stop();
      await publisher?.stop();
    },
  };
}

function crisesPart({ core, config, records, audit, zone }: Parts): Part {
  const store = new SqliteCrisisStore(core.store.db);
  const notifier = new CrisisNotifier({ store, engine: core.engine, clock: core.clock, logger: core.logger, perSecond: config.crisisNoticesPerSecond });
  const desk = new CrisisDesk({ store, openCrises: core.crises, notifier, audit, clock: core.clock, logger: core.logger });
  notifier.start();
  return {
    sections: [crisesSection({ desk, batches: () => records.batches(), suppliers: () => records.suppliers(), products: () => core.store.listProducts(), zone })],
    stop: () => notifier.stop(),
  };
}

function auditPart({ core, audit, zone }: Parts): Part {
  return { sections: [auditSection({ audit, zone, clock: core.clock })] };
}
