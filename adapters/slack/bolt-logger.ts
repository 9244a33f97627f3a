import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../bot/logger.js';

/**
 * Bolt and its Web API client log through our pino logger, one JSON line each, tagged
 * `where: 'slack'`, instead of printing to the console. Bolt's debug chatter stays at debug.
 */
export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ where: 'slack' });
  const line = (msg: unknown[]) => msg.map(m => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => child.debug(line(msg)),
    info: (...msg) => child.info(line(msg)),
    warn: (...msg) => child.warn(line(msg)),
    error: (...msg) => child.error(line(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
