/**
 * `npm run bench:turns`: whole turns (message in → replies out) of the same 6-turn return,
 * through our engine on the real SQLite store (durable, as in production) and through a
 * botbuilder-dialogs WaterfallDialog on TestAdapter + MemoryStorage (memory only). Rounds
 * alternate (ours, theirs, ours, …) so that the machine's state weighs on both alike.
 *
 * Customers run one after another by default (`--concurrency=1`): a turn's latency is then its own
 * cost, and turns/s (turns over the rounds' wall time) is about 1 / mean turn time. With
 * `--concurrency=N`, N customers of a round talk
 * at once, as on a server: waits on the disk overlap with other customers' turns, and a turn's
 * latency includes waiting for them.
 *
 *   npm run bench:turns -- --customers=2000 --round=100 --warmup=100 --concurrency=1
 */
import type { Activity } from 'botbuilder';
import { openCore, type Core } from '../bot/app.js';
import type { Inbound } from '../bot/messages.js';
import { waterfallBot, type WaterfallBot } from './botbuilder-waterfall.js';
import {
  benchConfig, customerPhoto, int, machine, ms, numericOptions, repliesMatch, RETURN_CONVERSATION, summarize, tempDir,
} from './shared.js';

const options = numericOptions({ customers: 2000, round: 100, warmup: 100, concurrency: 1 });

interface Contestant {
  name: string;
  /** Runs one whole conversation; returns each turn's duration (ms) and whether every reply was right. */
  converse(customer: string): Promise<{ durations: number[]; ok: boolean }>;
}

function ours(core: Core): Contestant {
  const { engine } = core;
  return {
    name: 'returnbot engine + SQLite (durable)',
    async converse(customer) {
      const durations: number[] = [];
      let ok = true;
      for (const [index, turn] of RETURN_CONVERSATION.entries()) {
        const inbound: Inbound = {
          channel: 'web',
          userId: customer,
          messageId: `${customer}-${index}`,
          text: turn.text,
          attachments: turn.photo ? [{ kind: 'image', name: 'photo.png', declaredType: 'image/png', data: customerPhoto(customer) }] : [],
        };
        const start = performance.now();
        const deliveries = await engine.handle(inbound);
        await engine.delivered(deliveries.map((delivery) => delivery.outboxId));
        durations.push(performance.now() - start);
        ok &&= repliesMatch(turn, deliveries.map((delivery) => delivery.message.text));
      }
      return { durations, ok };
    },
  };
}

function theirs(bot: WaterfallBot): Contestant {
  return {
    name: 'botbuilder-dialogs waterfall + MemoryStorage',
    async converse(customer) {
      const durations: number[] = [];
      let ok = true;
      for (const [index, turn] of RETURN_CONVERSATION.entries()) {
        const activity: Partial<Activity> = {
          type: 'message',
          id: `${customer}-${index}`,
          channelId: 'bench',
          locale: 'zh-cn',
          from: { id: customer, name: '', role: 'user' },
          conversation: { id: customer, isGroup: false, conversationType: 'personal', name: '' },
          text: turn.text,
          attachments: turn.photo
            ? [{ contentType: 'image/png', name: 'photo.png', contentUrl: `data:image/png;base64,${customerPhoto(customer).toString('base64')}` }]
            : [],
        };
        const start = performance.now();
        const replies = await bot.turn(activity);
        durations.push(performance.now() - start);
        ok &&= repliesMatch(turn, replies.map((reply) => reply.text ?? ''));
      }
      return { durations, ok };
    },
  };
}

const data = tempDir('bench-turns');
const core = await openCore(benchConfig(data.path));
const contestants = [ours(core), theirs(waterfallBot())];
const samples = contestants.map(() => [] as number[]);
const failures = contestants.map(() => 0);
const elapsed = contestants.map(() => 0);

console.log(`machine: ${machine()}`);
console.log(`data folder: ${data.path} (removed at the end)`);
console.log(
  `${int(options.customers)} customers × ${RETURN_CONVERSATION.length} turns each, rounds of ${options.round} customers, alternating, ` +
    `${options.concurrency} at once; ${options.warmup} warm-up customers each first`,
);

let serial = 0;
const runRound = async (size: number, record: boolean) => {
  for (const [which, contestant] of contestants.entries()) {
    const started = performance.now();
    let next = 0;
    const customer = async () => {
      while (next < size) {
        next += 1;
        const { durations, ok } = await contestant.converse(`bench-${which}-${(serial += 1)}`);
        if (!record) continue;
        samples[which]!.push(...durations);
        if (!ok) failures[which]! += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, size) }, customer));
    if (record) elapsed[which]! += performance.now() - started;
  }
};

try {
  await runRound(options.warmup, false);
  for (let done = 0; done < options.customers; done += options.round) {
    await runRound(Math.min(options.round, options.customers - done), true);
  }
} finally {
  await core.store.close();
  data.remove();
}

const rates = contestants.map((contestant, which) => {
  const summary = summarize(samples[which]!);
  const seconds = elapsed[which]! / 1000;
  const rate = summary.count / seconds;
  console.log(
    `${contestant.name.padEnd(46)} ${int(summary.count)} turns in ${seconds.toFixed(2)} s → ${int(rate)} turns/s; ` +
      `p50 ${ms(summary.p50)}, p99 ${ms(summary.p99)}, max ${ms(summary.max)}; wrong conversations: ${failures[which]}`,
  );
  const perTurn = RETURN_CONVERSATION.map((_, turn) => summarize(samples[which]!.filter((__, i) => i % RETURN_CONVERSATION.length === turn)).p50);
  console.log(`${''.padEnd(46)} p50 by turn: ${perTurn.map((value) => value.toFixed(2)).join(' / ')} ms`);
  return rate;
});
if (failures.some((count) => count > 0)) process.exitCode = 1;
console.log(`ratio=${(rates[0]! / rates[1]!).toFixed(2)}`);
