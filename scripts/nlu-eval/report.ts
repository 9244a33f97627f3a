import { rate, type Outcome, type Ratio, type Scores } from './metrics.js';

const fixed = (ratio: Ratio) => rate(ratio).toFixed(3);
const ratio = (value: Ratio) => `${fixed(value)} (${value.hits}/${value.total})`;

/** The evaluation as lines of text; the last one is `accuracy=0.NNN`, for scripts to read. */
export function report(scores: Scores, heading: string, errors: readonly Outcome[] = []): string[] {
  const width = Math.max(...scores.labels.map(({ label }) => label.length));
  return [
    heading,
    `accuracy ${ratio(scores.overall)}`,
    ...Object.entries(scores.byLang).map(([lang, value]) => `  ${lang} ${ratio(value)}`),
    '',
    `${'label'.padEnd(width)}  precision  recall  lines`,
    ...scores.labels.map(({ label, precision, recall }) =>
      `${label.padEnd(width)}  ${(precision.total ? fixed(precision) : '-').padEnd(9)}  ${(recall.total ? fixed(recall) : '-').padEnd(6)}  ${recall.total}`,
    ),
    '',
    scores.confusions.length ? 'confusions (expected → understood):' : 'confusions: none',
    ...scores.confusions.map(({ expected, understood, count }) => `  ${expected} → ${understood}  ${count}`),
    ...(errors.length ? ['', 'misunderstood lines:', ...errors.map(({ example, intent }) => `  [${example.lang}] ${example.intent} → ${intent}: ${example.text}`)] : []),
    '',
    `order numbers ${ratio(scores.orders)}, read where none was written: ${scores.spuriousOrders}`,
    `accuracy=${fixed(scores.overall)}`,
  ];
}
