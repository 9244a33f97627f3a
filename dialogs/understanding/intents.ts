import type { Intent, StatedProblem } from '../../bot/understanding.js';

/**
 * What the offline engine is trained on and its keyword rules name: the labels of
 * intent-labels.md, except that a damaged_or_defective message is `damaged` (broken, cracked) or
 * `defective` (does not work), and quality_spoiled is `spoiled`, because the rules treat a broken
 * thing, a faulty one and spoiled food differently.
 */
export const ENGINE_INTENTS = [
  'return_request',
  'exchange_request',
  'status_query',
  'policy_question',
  'wrong_item',
  'missing_item',
  'damaged',
  'defective',
  'spoiled',
  'not_as_described',
  'changed_mind',
  'human_agent',
  'cancel_order',
  'other',
] as const;

export type EngineIntent = (typeof ENGINE_INTENTS)[number];

/** The one place engine intents become the labels the dialog and `eval:nlu` speak. */
export const LABEL_OF: Record<EngineIntent, Intent> = {
  return_request: 'return_request',
  exchange_request: 'exchange_request',
  status_query: 'status_query',
  policy_question: 'policy_question',
  wrong_item: 'wrong_item',
  missing_item: 'missing_item',
  damaged: 'damaged_or_defective',
  defective: 'damaged_or_defective',
  spoiled: 'quality_spoiled',
  not_as_described: 'not_as_described',
  changed_mind: 'changed_mind',
  human_agent: 'human_agent',
  cancel_order: 'cancel_order',
  other: 'other',
};

/** Intents that name a problem, and the problem each states: faulty goods are a quality matter for the rules. */
const PROBLEM_OF: Partial<Record<EngineIntent, StatedProblem>> = {
  wrong_item: 'wrong_item',
  missing_item: 'missing_item',
  damaged: 'damaged',
  defective: 'quality',
  spoiled: 'quality',
  not_as_described: 'not_as_described',
  changed_mind: 'changed_mind',
};

export const isProblem = (intent: EngineIntent): boolean => PROBLEM_OF[intent] !== undefined;

/**
 * The problem an intent states, so that `problem` always agrees with `intent`. A broken item in
 * a damaged parcel is transit damage; otherwise who broke it is decided later (fill.ts asks).
 */
export function statedProblem(intent: EngineIntent, parcelDamaged: boolean | undefined): StatedProblem | undefined {
  const problem = PROBLEM_OF[intent];
  return problem === 'damaged' && parcelDamaged ? 'transit_damage' : problem;
}

/** The engine intent of a label; for damaged_or_defective, whether the thing does not work decides. */
export function engineIntentOf(label: Intent, notWorking: boolean): EngineIntent {
  if (label === 'damaged_or_defective') return notWorking ? 'defective' : 'damaged';
  if (label === 'quality_spoiled') return 'spoiled';
  return label;
}
