import { loadConfig } from '../../bot/config.js';
import { createUnderstander } from '../../bot/understanders.js';
import type { Understander } from '../../bot/understanding.js';
import { KeywordUnderstander } from '../../dialogs/understanding/keyword-understander.js';
import { NlpUnderstander } from '../../dialogs/understanding/nlp/nlp-understander.js';

/** The engines the evaluation and the benchmark can measure, by name. */
export const ENGINES: Record<string, () => Promise<Understander>> = {
  /** The default offline engine. */
  nlp: () => NlpUnderstander.create(),
  /** Keyword rules alone: the peer the NLP engine is compared with. */
  keyword: async () => new KeywordUnderstander(),
  /** Whatever the settings (.env, environment) choose, a language model included. */
  configured: () => createUnderstander(loadConfig()),
};
