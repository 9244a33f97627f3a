/**
 * `npm run bench:nlu [-- --rounds N]`: how long understanding one message takes offline, NLP.js
 * against the keyword rules as the peer, over the development set after a warm-up round.
 * NLP.js caches what it has read per text, so each engine is timed twice: on the same texts again,
 * and on texts made unseen by a nonsense word (which changes no intent).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Understander, UnderstandingContext } from '../bot/understanding.js';
import { DEMO_DATA } from '../data/demo/demo-data.js';
import { KeywordUnderstander } from '../dialogs/understanding/keyword-understander.js';
import { NlpUnderstander } from '../dialogs/understanding/nlp/nlp-understander.js';
import { readExamples } from '../scripts/nlu-eval/dataset.js';

const DEV_SET = 'data/nlu/dev.jsonl';
const context: UnderstandingContext = { now: new Date('2026-11-20T10:00:00+08:00'), currentLang: 'zh-Hans', timezone: 'Asia/Shanghai', products: DEMO_DATA.products };

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const texts = readExamples(DEV_SET).map(example => example.text);

const trainingStart = performance.now();
const engines: [string, Understander][] = [
  ['keyword', new KeywordUnderstander()],
  ['nlp', await NlpUnderstander.create()],
];
const trainingMs = performance.now() - trainingStart;

/** A different Latin nonsense word per message: new text for the cache, nothing for the intent. */
let counter = 0;
const unseen = (text: string) => `${text} q${(counter++).toString(26).replace(/\d/g, digit => 'abcdefghij'[Number(digit)]!)}`;

async function time(understander: Understander, vary: boolean): Promise<number[]> {
  for (const text of texts) await understander.understand(text, context);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const text of texts) {
      const input = vary ? unseen(text) : text;
      const start = performance.now();
      await understander.understand(input, context);
      samples.push(performance.now() - start);
    }
  }
  return samples.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (value: number) => `${value.toFixed(3)} ms`;

console.log(`bench:nlu: ${texts.length} messages of ${DEV_SET} × ${rounds} rounds after a warm-up round, Node ${process.version}`);
console.log(`NLP.js training at start: ${ms(trainingMs)}`);
for (const vary of [false, true]) {
  const results = new Map<string, number[]>();
  for (const [name, understander] of engines) results.set(name, await time(understander, vary));
  console.log(`\n${vary ? 'unseen texts' : 'same texts again'}:`);
  for (const [name, samples] of results) console.log(`  ${name.padEnd(8)} p50 ${ms(percentile(samples, 50))}  p99 ${ms(percentile(samples, 99))}  max ${ms(samples.at(-1)!)}`);
  const [keyword, nlp] = [results.get('keyword')!, results.get('nlp')!];
  console.log(`  nlp/keyword  p50 ×${(percentile(nlp, 50) / percentile(keyword, 50)).toFixed(1)}  p99 ×${(percentile(nlp, 99) / percentile(keyword, 99)).toFixed(1)}`);
}
