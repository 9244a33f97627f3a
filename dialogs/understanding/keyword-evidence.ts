import { firstMatch, matchesAny } from './facts.js';
import type { EngineIntent } from './intents.js';
import { CANCEL_ORDER, PROBLEM_PATTERNS, REQUEST_PATTERNS, TOPIC_PATTERNS } from './lexicon.js';

/** What the keyword rules see in a message; each engine weighs it its own way. */
export interface KeywordEvidence {
  /** An explicit cancellation ("取消订单", "cancel my order"). */
  cancel: boolean;
  /** The first problem the rules find, most specific first. */
  problem: EngineIntent | undefined;
  /** The first request or question the rules find by its own words (human, status, policy). */
  request: EngineIntent | undefined;
  /** Exchange or return, from the topic alone ("换", "退", "return"). */
  topic: EngineIntent | undefined;
}

export function readKeywords(normalized: string): KeywordEvidence {
  return {
    cancel: matchesAny(CANCEL_ORDER, normalized),
    problem: firstMatch(PROBLEM_PATTERNS, normalized),
    request: firstMatch(REQUEST_PATTERNS, normalized),
    topic: firstMatch(TOPIC_PATTERNS, normalized),
  };
}
