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
import { readExamples } from '../scripts/nlu-eval/dataset.js';
import { ENGINES } from '../scripts/nlu-eval/engines.js';
import { ms, summarize, type Summary } from './shared.js';

const DEV_SET = 'data/nlu/dev.jsonl';
const context: UnderstandingContext = { now: new Date('2026-11-20T10:00:00+08:00'), currentLang: 'zh-Hans', timezone: 'Asia/Shanghai', products: DEMO_DATA.products };

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const texts = readExamples(DEV_SET).map(example => example.text);

const trainingStart = performance.now();
const engines: [string, Understander][] = [
  ['keyword', await ENGINES.keyword!()],
  ['nlp', await ENGINES.nlp!()],
];
const trainingMs = performance.now() - trainingStart;

/** A different Latin nonsense word per message: new text for the cache, nothing for the intent. */
let counter = 0;
const unseen = (text: string) => `${text} q${(counter++).toString(26).replace(/\d/g, digit => 'abcdefghij'[Number(digit)]!)}`;

async function time(understander: Understander, vary: boolean): Promise<Summary> {
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
  return summarize(samples);
}

console.log(`bench:nlu: ${texts.length} messages of ${DEV_SET} × ${rounds} rounds after a warm-up round, Node ${process.version}`);
console.log(`NLP.js training at start: ${ms(trainingMs, 3)}`);
for (const vary of [false, true]) {
  const results = new Map<string, Summary>();
  for (const [name, understander] of engines) results.set(name, await time(understander, vary));
  console.log(`\n${vary ? 'unseen texts' : 'same texts again'}:`);
  for (const [name, summary] of results) console.log(`  ${name.padEnd(8)} p50 ${ms(summary.p50, 3)}  p99 ${ms(summary.p99, 3)}  max ${ms(summary.max, 3)}`);
  const [keyword, nlp] = [results.get('keyword')!, results.get('nlp')!];
  console.log(`  nlp/keyword  p50 ×${(nlp.p50 / keyword.p50).toFixed(1)}  p99 ×${(nlp.p99 / keyword.p99).toFixed(1)}`);
}
