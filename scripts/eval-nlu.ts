/**
 * `npm run eval:nlu -- FILE.jsonl [--engine nlp|keyword|configured] [--errors]`: scores an
 * understanding engine against lines labelled as in shared/spec/intent-labels.md. Prints accuracy
 * overall and per language, precision and recall per label, the confusions, order-number accuracy;
 * the last line is `accuracy=0.NNN`. Exit code 2 for a bad command line or file.
 */
import { parseArgs } from 'node:util';
import { defaultRulesPath, loadRules } from '../bot/rules-file.js';
import type { Lang } from '../bot/messages.js';
import { DEMO_DATA } from '../data/demo/demo-data.js';
import { readExamples, type Example } from './nlu-eval/dataset.js';
import { ENGINES } from './nlu-eval/engines.js';
import { score, type Outcome } from './nlu-eval/metrics.js';
import { report } from './nlu-eval/report.js';

const USAGE = `usage: npm run eval:nlu -- FILE.jsonl [--engine ${Object.keys(ENGINES).join('|')}] [--errors]`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { engine: { type: 'string', default: 'nlp' }, errors: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  const engine = ENGINES[values.engine];
  if (!file || positionals.length > 1 || !engine) {
    console.error(USAGE);
    return 2;
  }
  const examples = readExamples(file);
  const understander = await engine();
  const context = { now: new Date(), timezone: loadRules(defaultRulesPath).timezone, products: DEMO_DATA.products };
  const outcomes: Outcome[] = [];
  for (const example of examples) {
    const understanding = await understander.understand(example.text, { ...context, currentLang: currentLang(example) });
    outcomes.push({ example, intent: understanding.intent, orderId: understanding.orderId });
  }
  const errors = values.errors ? outcomes.filter(outcome => outcome.intent !== outcome.example.intent) : [];
  console.log(report(score(outcomes), `eval:nlu ${file}: ${examples.length} lines, engine ${values.engine}`, errors).join('\n'));
  return 0;
}

/** The conversation language the line would arrive in; it only matters for characters both scripts share. */
const currentLang = (example: Example): Lang => (example.lang === 'en' ? 'en' : 'zh-Hans');

main().then(
  code => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(2);
  },
);
