import type { Understanding } from '../../../bot/understanding.js';
import { engineIntentOf, statedProblem } from '../intents.js';
import type { Reading } from './reading.js';

/**
 * The model's reading laid over the offline understanding. The model decides what the message is
 * about and adds the items and wishes it recognised; every number, date and dialog signal stays
 * the extractors' own. `problem` is kept consistent with the model's intent.
 */
export function mergeReading(offline: Understanding, reading: Reading, itemSkus: readonly string[]): Understanding {
  const parcelDamaged = offline.parcelDamaged ?? reading.parcelDamaged ?? undefined;
  const problem = reading.intent === offline.intent ? offline.problem : statedProblem(engineIntentOf(reading.intent, reading.damage === 'not_working'), parcelDamaged);
  return {
    ...offline,
    intent: reading.intent,
    problem,
    wish: reading.wish ?? offline.wish,
    skus: [...new Set([...offline.skus, ...itemSkus])],
    parcelDamaged,
    upset: offline.upset || reading.upset === true,
  };
}
