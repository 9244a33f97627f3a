import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../bot/engine.js';
import { createLogger } from '../../bot/logger.js';
import { defaultRulesPath, loadRules } from '../../bot/rules-file.js';
import { seedDemoData } from '../../data/demo/seed.js';
import { openSqliteStore, type SqliteStore } from '../../data/sqlite/sqlite-store.js';
import type { CrisisView } from '../../dialogs/context.js';
import { NlpUnderstander } from '../../dialogs/understanding/nlp/nlp-understander.js';
import type { Rules } from '../../policies/types.js';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public current: Date) {}
  now = () => this.current;
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface TestBot {
  engine: Engine;
  store: SqliteStore;
  clock: TestClock;
  rules: Rules;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real engine on a real SQLite store in a temporary folder, seeded with the demo data
 * relative to `now` (default 2026-11-20 10:00 in Shanghai), understanding offline with NLP.js
 * (trained once per test run, shared by every bot).
 */
export async function startTestBot(
  options: { now?: string; rules?: (rules: Rules) => Rules; dataDir?: string; crises?: () => readonly CrisisView[] } = {},
): Promise<TestBot> {
  const clock = new TestClock(new Date(options.now ?? '2026-11-20T10:00:00+08:00'));
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'returnbot-test-'));
  const store = await openSqliteStore({ dataDir, clock: clock.now });
  await seedDemoData(store, clock.now());
  const defaults = loadRules(defaultRulesPath);
  const rules = options.rules ? options.rules(defaults) : defaults;
  const engine = new Engine({ store, understander: await NlpUnderstander.create(), rules: () => rules, clock: clock.now, logger: createLogger('silent'), ...(options.crises ? { crises: options.crises } : {}) });
  return {
    engine,
    store,
    clock,
    rules,
    dataDir,
    async close() {
      await store.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
