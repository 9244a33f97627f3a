/** The numbers service over a temporary store with the demo shop and its history, at a fixed `now`. */
import { Numbers } from '../../bot/operations/numbers.js';
import { DEMO_RULES } from '../../data/demo/demo-rules.js';
import { seedDemoData } from '../../data/demo/seed.js';
import { seedDemoHistory } from '../../data/demo/seed-history.js';
import { SqliteOperationsRecords } from '../../data/sqlite/operations-records.js';
import { openTempStore, type TempStore } from '../data/fixtures.js';

export const NOW = new Date('2026-11-22T04:00:00.000Z');

export interface NumbersFixture extends TempStore {
  numbers: Numbers;
}

export async function numbersOverHistory(): Promise<NumbersFixture> {
  const temp = await openTempStore();
  await seedDemoData(temp.store, NOW);
  await seedDemoHistory(temp.store, NOW);
  const numbers = new Numbers({ records: new SqliteOperationsRecords(temp.store.db), store: temp.store, rules: () => DEMO_RULES, clock: () => NOW });
  return { ...temp, numbers };
}

/** [from, to) of whole shop days: `from` days ago until `to` days ago (0: tomorrow's start, today included). */
export function shopDays(fromDaysAgo: number, toDaysAgo: number): { from: string; to: string } {
  // 2026-11-22 12:00 in Shanghai; its day starts at 2026-11-21T16:00Z.
  const todayStart = Date.parse('2026-11-21T16:00:00.000Z');
  const at = (daysAgo: number) => new Date(todayStart - daysAgo * 86_400_000).toISOString();
  return { from: at(fromDaysAgo), to: at(toDaysAgo - 1) };
}
