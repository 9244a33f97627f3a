import { pino } from 'pino';
import type { Logger } from '../../bot/logger.js';

/** A real pino logger at `info` whose JSON lines the test reads back, one parsed object a line. */
export function capturingLogger<Line = Record<string, unknown>>(): { logger: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Line) });
  return { logger, lines };
}
