import { startReturnbot } from './app.js';
import { loadConfig } from './config.js';
import { ReturnbotError } from './errors.js';

/** `npm start`: the bot with embedded defaults, stopped cleanly by Ctrl-C or SIGTERM. */
try {
  const bot = await startReturnbot(loadConfig());
  console.log(`returnbot: web chat at ${bot.url}, operations console at ${bot.url}/ops`);
  const stop = async () => {
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof ReturnbotError ? `returnbot cannot start: ${error.message}` : error);
  process.exit(1);
}
