import { containerBootstrap, type Container } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en';
import { LangZh } from '@nlpjs/lang-zh';
import { Nlp } from '@nlpjs/nlp';
import { ENGINE_INTENTS, type EngineIntent } from '../intents.js';
import { normalize } from '../script.js';
import { chineseFeatures, classifierText } from './classifier-text.js';
import { LOCALES, loadCorpus, type Corpus, type Locale } from './corpus.js';

/** One intent and the classifier's score for it (the scores of a ranking add up to 1). */
export interface Ranked {
  intent: EngineIntent;
  score: number;
}

const KNOWN = new Set<string>(ENGINE_INTENTS);
const quiet = () => undefined;
/** NLP.js logs through its container: a silent logger keeps tests and servers quiet under any NODE_ENV. */
const SILENT_LOGGER = { name: 'logger', trace: quiet, debug: quiet, info: quiet, log: quiet, warn: quiet, error: quiet, fatal: quiet };

/**
 * NLP.js's neural intent classifier trained on our corpus, Chinese and English apart. Chinese is
 * read as character unigrams and bigrams instead of lang-zh's pinyin (see classifier-text.ts);
 * lang-zh and lang-en still provide normalisation and the English stemmer.
 */
export class IntentClassifier {
  private constructor(private readonly nlp: Nlp) {}

  static async train(corpora: Record<Locale, Corpus>): Promise<IntentClassifier> {
    const nlp = new Nlp({ container: chineseAwareContainer(), languages: [...LOCALES], autoSave: false, nlu: { log: false } });
    for (const locale of LOCALES) {
      for (const [intent, utterances] of Object.entries(corpora[locale])) {
        for (const utterance of utterances) {
          const text = classifierText(normalize(utterance));
          if (text) nlp.addDocument(locale, text, intent);
        }
      }
    }
    await nlp.train();
    return new IntentClassifier(nlp);
  }

  /** Intents by score, best first; empty when the text has nothing the corpus knows. */
  async classify(locale: Locale, text: string): Promise<Ranked[]> {
    const { classifications } = await this.nlp.classify(locale, text);
    return classifications.filter((entry): entry is Ranked => KNOWN.has(entry.intent) && entry.score > 0);
  }
}

function chineseAwareContainer(): Container {
  const container = containerBootstrap();
  container.use(Nlp);
  container.use(LangZh);
  container.use(LangEn);
  container.register('logger', SILENT_LOGGER, true);
  container.register('tokenizer-zh', { name: 'tokenizer-zh', tokenize: chineseFeatures }, true);
  container.register('stemmer-zh', { name: 'stemmer-zh', stem: (tokens: string[]) => tokens }, true);
  return container;
}

let shared: Promise<IntentClassifier> | undefined;

/**
 * The classifier trained once per process on data/nlu: every understander (and every test bot)
 * shares it instead of training again. A failed training is not cached.
 */
export function sharedClassifier(): Promise<IntentClassifier> {
  shared ??= IntentClassifier.train({ zh: loadCorpus('zh'), en: loadCorpus('en') }).catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}
