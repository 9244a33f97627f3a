import type { Understander, Understanding, UnderstandingContext } from '../../bot/understanding.js';
import { FactReader } from './facts.js';
import { LABEL_OF, statedProblem, type EngineIntent } from './intents.js';
import { readKeywords } from './keyword-evidence.js';
import { normalize } from './script.js';

/**
 * Offline understanding by keyword rules alone: the conventions of intent-labels.md as an order
 * of precedence (an explicit cancel, then a named problem, then a request). Kept as the peer the
 * NLP.js engine is measured against.
 */
export class KeywordUnderstander implements Understander {
  private readonly facts = new FactReader();

  async understand(text: string, context: UnderstandingContext): Promise<Understanding> {
    const normalized = normalize(text).trim();
    const facts = this.facts.read(text, normalized, context);
    const keywords = readKeywords(normalized);
    const intent: EngineIntent = keywords.cancel ? 'cancel_order' : keywords.problem ?? keywords.request ?? keywords.topic ?? 'other';
    return { ...facts, intent: LABEL_OF[intent], problem: statedProblem(intent, facts.parcelDamaged) };
  }
}
