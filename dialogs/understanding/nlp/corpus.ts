import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ReturnbotError } from '../../../bot/errors.js';
import { ENGINE_INTENTS, type EngineIntent } from '../intents.js';

/** The classifier's languages: Traditional Chinese is trained and read as Simplified. */
export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type Corpus = Record<EngineIntent, string[]>;

/** Our own example utterances (data/nlu/corpus.<locale>.json), kept apart from the development set. */
const CORPUS_DIR = fileURLToPath(new URL('../../../data/nlu/', import.meta.url));

/** Every engine intent needs enough examples in every language to be learnt at all. */
const MIN_EXAMPLES = 40;
const schema = z.record(z.enum(ENGINE_INTENTS), z.array(z.string().min(1)).min(MIN_EXAMPLES));

/** Reads and checks one language's corpus; a bad file stops the start with its name and the problem. */
export function loadCorpus(locale: Locale): Corpus {
  const file = `${CORPUS_DIR}corpus.${locale}.json`;
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ReturnbotError('corpus_invalid', `loadCorpus(): ${file}: ${problems}`);
  }
  return parsed.data;
}
