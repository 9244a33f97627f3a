import { isProblem, type EngineIntent } from '../intents.js';
import type { KeywordEvidence } from '../keyword-evidence.js';
import type { Ranked } from './classifier.js';

/**
 * What a keyword match adds to the classifier's score of the intent it names. NLP.js is often
 * sure and wrong on phrasing its corpus lacks, so a problem or request named in so many words
 * outweighs it; a topic word ("退", "return") only tips the balance.
 */
const KEYWORD_WEIGHT = 1;
const TOPIC_WEIGHT = 0.5;
/** A problem the classifier alone is at least this sure of counts as named. */
const CLASSIFIER_NAMES_PROBLEM = 0.5;
/** Below this, neither the classifier nor the keywords say what the message is about. */
const MIN_EVIDENCE = 0.35;
/** What the customer asks the bot to do; a problem named in the same message decides instead. */
const ACTIONS: readonly EngineIntent[] = ['return_request', 'exchange_request', 'policy_question', 'human_agent'];

/**
 * The intent of one message from the classifier's ranking and the keyword rules, with the
 * conventions of intent-labels.md as explicit steps:
 * 1. an explicit cancellation stays cancel_order, whatever reason it gives;
 * 2. otherwise the best-supported intent, keyword matches adding to the classifier's score;
 * 3. the problem beats the action: a named problem wins over a return, exchange, policy question
 *    or request for a person in the same message (status questions keep their own weight).
 */
export function decideIntent(ranked: readonly Ranked[], keywords: KeywordEvidence): EngineIntent {
  if (keywords.cancel) return 'cancel_order';
  const [best, support] = strongest(evidenceFor(ranked, keywords));
  if (!best || support < MIN_EVIDENCE) return 'other';
  if (ACTIONS.includes(best)) return namedProblem(ranked, keywords, best) ?? best;
  return best;
}

/**
 * Support per intent. Keyword intents go in first so that a tie goes to what the customer wrote;
 * a topic word inside a request ("can I return…") is part of that request, not more evidence.
 */
function evidenceFor(ranked: readonly Ranked[], keywords: KeywordEvidence): Map<EngineIntent, number> {
  const evidence = new Map<EngineIntent, number>();
  const add = (intent: EngineIntent | undefined, weight: number) => intent && evidence.set(intent, (evidence.get(intent) ?? 0) + weight);
  add(keywords.problem, KEYWORD_WEIGHT);
  add(keywords.request, KEYWORD_WEIGHT);
  if (!keywords.request) add(keywords.topic, TOPIC_WEIGHT);
  for (const { intent, score } of ranked) add(intent, score);
  return evidence;
}

/**
 * The problem the message names: the keyword rules' one, or one the classifier is sure of unless
 * the customer asked for the action in so many words ("可以退吗" about a used kettle is a question).
 */
function namedProblem(ranked: readonly Ranked[], keywords: KeywordEvidence, action: EngineIntent): EngineIntent | undefined {
  if (keywords.problem) return keywords.problem;
  if (keywords.request === action) return undefined;
  return ranked.find(({ intent, score }) => isProblem(intent) && score >= CLASSIFIER_NAMES_PROBLEM)?.intent;
}

function strongest(evidence: Map<EngineIntent, number>): [EngineIntent | undefined, number] {
  let best: [EngineIntent | undefined, number] = [undefined, 0];
  for (const [intent, support] of evidence) if (support > best[1]) best = [intent, support];
  return best;
}
