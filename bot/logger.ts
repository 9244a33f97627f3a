import { pino, type Logger } from 'pino';

export type { Logger };

/** One structured JSON line per event; tests pass level 'silent'. */
export function createLogger(level: string): Logger {
  return pino({ name: 'returnbot', level });
}
