import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { KeyRing } from '../adapters/backoffice/keys.js';
import { backofficeRouter } from '../adapters/backoffice/router.js';
import { WebChannel } from '../adapters/web/web-channel.js';
import { seedDemoData } from '../data/demo/seed.js';
import { seedDemoHistory } from '../data/demo/seed-history.js';
import { SqliteCrisisStore } from '../data/sqlite/crisis-store.js';
import { openSqliteStore, type SqliteStore } from '../data/sqlite/sqlite-store.js';
import { DeskActions } from './agent-actions.js';
import type { Channel } from './channel.js';
import { DeskPublisher } from './desk-publisher.js';
import type { AgentDesk } from './desk.js';
import type { AlertSink } from './operations/alert-sink.js';
import { SlaWatch } from './sla-watch.js';
import { loadCalendar } from './calendar-file.js';
import { LifecycleActions } from './lifecycle/lifecycle-actions.js';
import { timerEffects } from './lifecycle/timer-effects.js';
import { TimerWheel } from './timer-wheel.js';
import { addWorkingDays } from '../policies/working-days.js';
import type { Config } from './config.js';
import { Engine } from './engine.js';
import { createLogger, type Logger } from './logger.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { loadRules } from './rules-file.js';
import { sessionSecret } from './session-secret.js';
import { RulesHolder } from './rules-holder.js';
import { OpenCrises } from './operations/open-crises.js';
import { mountOperations } from './ops-composition.js';
import { createUnderstander } from './understanders.js';
import type { Rules } from '../policies/types.js';

export interface CoreOverrides {
  clock?: () => Date;
  logger?: Logger;
}

export interface Core {
  engine: Engine;
  /** The SQLite store itself: the operations console reads it through its own statements. */
  store: SqliteStore;
  /** The rules in force; the console may replace them while the bot runs. */
  rules: RulesHolder;
  /** The crises open now; the console's crisis desk keeps them current. */
  crises: OpenCrises;
  clock: () => Date;
  logger: Logger;
}

/** Store, rules and engine: what every way of running the bot (server, console) shares. */
export async function openCore(config: Config, overrides: CoreOverrides = {}): Promise<Core> {
  const clock = overrides.clock ?? (() => new Date());
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const rules = new RulesHolder(loadRules(config.rulesFile));
  const store = await openSqliteStore({ dataDir: config.dataDir, clock });
  if (config.demoData && (await seedDemoData(store, clock()))) {
    logger.info('demo data created (orders 123456, 200001, 300001, 400001, 500001 …)');
    if (await seedDemoHistory(store, clock())) logger.info('demo history created: two months of past cases for the operations console (/ops)');
  }
  // Read here, not by the console: every way of running the bot (server, terminal chat) applies them.
  const crises = new OpenCrises();
  await crises.reload(new SqliteCrisisStore(store.db));
  const engine = new Engine({ store, understander: await createUnderstander(config, logger), rules: () => rules.current(), crises: () => crises.current(), clock, logger, reminders: config.reminders });
  return { engine, store, rules, crises, clock, logger };
}

export interface RunningBot {
  /** Where the web chat page answers, e.g. http://127.0.0.1:3978 */
  url: string;
  engine: Engine;
  store: SqliteStore;
  stop(): Promise<void>;
}

/**
 * The composition root: the only place that knows every part. Opens the store (seeding the demo
 * data on first start), loads the rules, starts the web channel and the outbox dispatcher.
 */
export async function startReturnbot(config: Config, overrides: CoreOverrides = {}): Promise<RunningBot> {
  const { engine, store, rules, crises, clock, logger } = await openCore(config, overrides);

  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);
  await listen(server, config.port, config.host);
  const { port } = server.address() as AddressInfo;
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  const web = new WebChannel({
    app,
    server,
    publicUrl: url,
    sessionSecret: sessionSecret(config.webSessionSecret, config.dataDir),
    // Above the rules' photo limit, so that a too-large photo reaches the engine and gets its polite answer.
    maxUploadBytes: rules.current().photos.maxBytes * 2,
    ...(config.microsoftAppId ? { microsoftAppId: config.microsoftAppId, microsoftAppPassword: config.microsoftAppPassword ?? '' } : {}),
    logger,
  });
  await web.start(engine);
  engine.attach(web);
  const wechat = await startWechat(config, engine, rules.current(), logger);
  const people = await startSlackDesk(config, app, { engine, store, rules, crises, clock, logger }, url);
  const calendar = loadCalendar(config.calendarFile);
  const lifecycle = new LifecycleActions({ engine, store, refundDueAt: at => addWorkingDays(at, rules.current().timeline.refundWorkingDays, calendar, rules.current().timezone) });
  const backofficeKeys = KeyRing.fromFile(config.backofficeKeysFile);
  app.use('/api/v1', backofficeRouter({ actions: lifecycle, keys: backofficeKeys, logger, maxPhotoBytes: rules.current().photos.maxBytes }));
  if (backofficeKeys.size === 0) {
    logger.info({ keysFile: config.backofficeKeysFile }, 'back-office API (/api/v1) has no keys yet: npm run -s backoffice:key -- courier (README, "Back-office API")');
  }
  const operations = await mountOperations({ app, config, core: { engine, store, rules, crises, clock, logger }, alertSink: people?.alertSink });
  // The time commitments of hand-overs are kept with or without Slack: breaches land on the case.
  const sla = new SlaWatch({ engine, store, clock, logger, reminderLeadMs: config.slaReminderMinutes * 60_000 });
  sla.start();
  const timers = new TimerWheel({ store, clock, logger, handle: timerEffects(engine, store) });
  timers.start();

  const dispatcher = new OutboxDispatcher({ store, push: (channel, userId, deliveries) => engine.push(channel, userId, deliveries), clock, logger });
  dispatcher.start();
  logger.info({ url }, 'returnbot is listening');

  return {
    url,
    engine,
    store,
    async stop() {
      await operations.stop();
      await timers.stop();
      sla.stop();
      await people?.publisher.stop();
      await people?.desk.stop();
      await dispatcher.stop();
      await wechat?.stop();
      await web.stop();
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      await store.close();
    },
  };
}

/**
 * WeChat only when WECHAT_PUPPET is set; wechaty is imported only then (it takes a second). The
 * channel logs in in the background, so the web chat serves meanwhile.
 */
async function startWechat(config: Config, engine: Engine, rules: Rules, logger: Logger): Promise<Channel | undefined> {
  if (!config.wechat) {
    logger.info('WeChat is off: set WECHAT_PUPPET in .env to connect an account (see README, "WeChat")');
    return undefined;
  }
  const { WechatChannel } = await import('../adapters/wechat/wechat-channel.js');
  const wechat = new WechatChannel({ ...config.wechat, qrFile: `${config.wechat.memoryPath}-login-qr.png`, maxAttachmentBytes: rules.photos.maxBytes, logger });
  engine.attach(wechat);
  await wechat.start(engine);
  return wechat;
}

/**
 * The agent desk in Slack only when SLACK_BOT_TOKEN is set; its routes share the bot's port.
 * Operations alerts go to Slack through the desk's client.
 */
async function startSlackDesk(
  config: Config, app: Express, core: Core, publicUrl: string,
): Promise<{ desk: AgentDesk; publisher: DeskPublisher; alertSink: AlertSink } | undefined> {
  const { engine, store, rules, clock, logger } = core;
  if (!config.slack) {
    logger.info('Slack desk is off: set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_CHANNEL_ID in .env (see README, "Agents in Slack")');
    return undefined;
  }
  const { SlackDesk } = await import('../adapters/slack/slack-desk.js');
  const desk = new SlackDesk({ ...config.slack, app, windowDays: rules.current().window.days, clock, logger });
  const publisher = new DeskPublisher({ store, desk, clock, logger });
  engine.attachDesk(publisher);
  await desk.start(new DeskActions(engine, store));
  publisher.start();
  const { SlackAlertPoster } = await import('../adapters/slack/alert-poster.js');
  const alertSink = new SlackAlertPoster({ client: desk.webClient, channelId: config.slack.opsChannelId, consoleUrl: `${publicUrl}/ops/` });
  return { desk, publisher, alertSink };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
