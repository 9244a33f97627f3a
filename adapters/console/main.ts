import { userInfo } from 'node:os';
import { openCore } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { ConsoleChannel } from './console-channel.js';

/** `npm run chat`: the same engine, store and rules as the server, in this terminal. */
const config = loadConfig();
const core = await openCore(config, { logger: createLogger(process.env.LOG_LEVEL ?? 'warn') });
const channel = new ConsoleChannel(userInfo().username || 'local');
core.engine.attach(channel);
await channel.start(core.engine);
await core.store.close();
