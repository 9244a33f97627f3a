import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { WebChannel } from '../adapters/web/web-channel.js';
import { seedDemoData } from '../data/demo/seed.js';
import { openSqliteStore } from '../data/sqlite/sqlite-store.js';
import { KeywordUnderstander } from '../dialogs/understanding/keyword-understander.js';
import type { Config } from './config.js';
import { Engine } from './engine.js';
import { createLogger, type Logger } from './logger.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { loadRules } from './rules-file.js';
import { sessionSecret } from './session-secret.js';
import type { Store } from './store.js';
import type { Rules } from '../policies/types.js';

export interface CoreOverrides {
  clock?: () => Date;
  logger?: Logger;
}

export interface Core {
  engine: Engine;
  store: Store;
  rules: Rules;
  clock: () => Date;
  logger: Logger;
}

/** Store, rules and engine: what every way of running the bot (server, console) shares. */
export async function openCore(config: Config, overrides: CoreOverrides = {}): Promise<Core> {
  const clock = overrides.clock ?? (() => new Date());
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const rules = loadRules(config.rulesFile);
  const store = await openSqliteStore({ dataDir: config.dataDir, clock });
  if (config.demoData && (await seedDemoData(store, clock()))) logger.info('demo data created (orders 123456, 200001, 300001, 400001, 500001 …)');
  const engine = new Engine({ store, understander: new KeywordUnderstander(), rules: () => rules, clock, logger });
  return { engine, store, rules, clock, logger };
}

export interface RunningBot {
  /** Where the web chat page answers, e.g. http://127.0.0.1:3978 */
  url: string;
  engine: Engine;
  store: Store;
  stop(): Promise<void>;
}

/**
 * The composition root: the only place that knows every part. Opens the store (seeding the demo
 * data on first start), loads the rules, starts the web channel and the outbox dispatcher.
 */
export async function startReturnbot(config: Config, overrides: CoreOverrides = {}): Promise<RunningBot> {
  const { engine, store, rules, clock, logger } = await openCore(config, overrides);

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
    maxUploadBytes: rules.photos.maxBytes * 2,
    ...(config.microsoftAppId ? { microsoftAppId: config.microsoftAppId, microsoftAppPassword: config.microsoftAppPassword ?? '' } : {}),
    logger,
  });
  await web.start(engine);
  engine.attach(web);

  const dispatcher = new OutboxDispatcher({ store, push: (channel, userId, deliveries) => engine.push(channel, userId, deliveries), clock, logger });
  dispatcher.start();
  logger.info({ url }, 'returnbot is listening');

  return {
    url,
    engine,
    store,
    async stop() {
      await dispatcher.stop();
      await web.stop();
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      await store.close();
    },
  };
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
