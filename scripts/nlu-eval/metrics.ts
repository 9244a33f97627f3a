import { INTENTS, type Intent } from '../../bot/understanding.js';
import type { Example } from './dataset.js';

/** What the engine made of one example. */
export interface Outcome {
  example: Example;
  intent: Intent;
  orderId: string | undefined;
}

export interface Ratio {
  hits: number;
  total: number;
}

export interface LabelScore {
  label: Intent;
  precision: Ratio;
  recall: Ratio;
}

export interface Scores {
  overall: Ratio;
  byLang: Record<string, Ratio>;
  labels: LabelScore[];
  /** Expected → understood, most frequent first. */
  confusions: { expected: Intent; understood: Intent; count: number }[];
  /** Lines that name an order whose number was read exactly. */
  orders: Ratio;
  /** Lines without an order number where one was read anyway. */
  spuriousOrders: number;
}

export const rate = ({ hits, total }: Ratio): number => (total === 0 ? 1 : hits / total);

const count = (outcomes: readonly Outcome[], keep: (outcome: Outcome) => boolean): Ratio => {
  const kept = outcomes.filter(keep);
  return { hits: kept.filter(correct).length, total: kept.length };
};
const correct = (outcome: Outcome) => outcome.intent === outcome.example.intent;

/** Accuracy overall and per language, precision and recall per label, confusions, order numbers. */
export function score(outcomes: readonly Outcome[]): Scores {
  const langs = [...new Set(outcomes.map(outcome => outcome.example.lang))].sort();
  const confusions = new Map<string, number>();
  for (const outcome of outcomes.filter(outcome => !correct(outcome))) {
    const key = `${outcome.example.intent} ${outcome.intent}`;
    confusions.set(key, (confusions.get(key) ?? 0) + 1);
  }
  const withOrder = outcomes.filter(outcome => outcome.example.order !== undefined);
  return {
    overall: count(outcomes, () => true),
    byLang: Object.fromEntries(langs.map(lang => [lang, count(outcomes, outcome => outcome.example.lang === lang)])),
    labels: INTENTS.map(label => ({
      label,
      precision: count(outcomes, outcome => outcome.intent === label),
      recall: count(outcomes, outcome => outcome.example.intent === label),
    })),
    confusions: [...confusions]
      .map(([key, times]) => {
        const [expected, understood] = key.split(' ') as [Intent, Intent];
        return { expected, understood, count: times };
      })
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
    orders: { hits: withOrder.filter(outcome => outcome.orderId === outcome.example.order).length, total: withOrder.length },
    spuriousOrders: outcomes.filter(outcome => outcome.example.order === undefined && outcome.orderId !== undefined).length,
  };
}
