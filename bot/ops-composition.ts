import type { Express } from 'express';
import { opsConsole } from '../adapters/ops/ops-console.js';
import type { OpsSection } from '../adapters/ops/section.js';
import type { Core } from './app.js';
import type { Config } from './config.js';

export interface OperationsDeps {
  app: Express;
  config: Config;
  core: Core;
}

export interface RunningOperations {
  stop(): Promise<void>;
}

/**
 * The operations console at /ops and what runs behind it: each part contributes its API section
 * and, where it has one, a background job stopped with the bot.
 */
export async function mountOperations(deps: OperationsDeps): Promise<RunningOperations> {
  const sections: OpsSection[] = [];
  const stops: (() => Promise<void>)[] = [];
  deps.app.use('/ops', opsConsole({ sections }));
  return {
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
