import type { Understander, Understanding, UnderstandingContext } from '../../../bot/understanding.js';
import { FactReader, type Facts } from '../facts.js';
import { isProblem, LABEL_OF, statedProblem } from '../intents.js';
import { readKeywords } from '../keyword-evidence.js';
import { normalize } from '../script.js';
import { sharedClassifier, type IntentClassifier, type Ranked } from './classifier.js';
import { classifierText, hasSubstance, localeOf } from './classifier-text.js';
import { decideIntent } from './decide.js';

/**
 * The default, offline understanding: NLP.js trained on our corpus decides what a message is
 * about together with the keyword rules; the deterministic extractors read every fact, so one
 * message can fill several slots at once.
 */
export class NlpUnderstander implements Understander {
  private readonly facts = new FactReader();

  private constructor(private readonly classifier: IntentClassifier) {}

  /** Trains NLP.js on the first call in a process (about half a second); later calls share that model. */
  static async create(): Promise<NlpUnderstander> {
    return new NlpUnderstander(await sharedClassifier());
  }

  async understand(text: string, context: UnderstandingContext): Promise<Understanding> {
    const normalized = normalize(text).trim();
    const facts = this.facts.read(text, normalized, context);
    const intent = decideIntent(await this.ranking(normalized, facts, context), readKeywords(normalized));
    return { ...facts, intent: LABEL_OF[intent], problem: statedProblem(intent, facts.parcelDamaged) };
  }

  /**
   * The classifier's ranking, asked only of free text: an answer that is a product name, a number
   * or a control word (start over, done, a score) gives it nothing to read, and a correction
   * ("I meant the kettle") replaces facts without naming a problem unless it says one in words.
   */
  private async ranking(normalized: string, facts: Facts, context: UnderstandingContext): Promise<Ranked[]> {
    if (facts.restart || facts.done || facts.score !== undefined) return [];
    if (!hasSubstance(classifierText(this.facts.withoutProducts(normalized, context.products)))) return [];
    const text = classifierText(normalized);
    const ranked = await this.classifier.classify(localeOf(text), text);
    return facts.correction ? ranked.filter(({ intent }) => !isProblem(intent)) : ranked;
  }
}
