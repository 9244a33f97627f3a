/**
 * `npm run bench:heap`: what an idle web chat conversation costs the bot's heap. The real bot runs
 * in its own process (bench/server.ts, with --expose-gc); the driver opens conversations as the
 * widget does (session, conversation, WebSocket stream) and leaves them open. Heap used is read
 * after full collections:
 *   1. --warm conversations opened, each with a first message (code compiled) → baseline
 *   2. --conversations in all opened, nobody said anything (a page left open)  → per conversation
 *   3. each new one sends the first message of a return and gets its reply,
 *      then goes quiet (a customer who walked away mid-return)                → per conversation
 * The web channel keeps at most 10,000 conversations in memory (adapters/web/limits.ts), so the
 * default stays at that cap: beyond it the oldest are dropped and the growth would look smaller.
 *
 *   npm run bench:heap -- --conversations=10000 --warm=1000
 */
import { setMaxListeners } from 'node:events';
import { int, machine, mb, numericOptions, RETURN_CONVERSATION } from './shared.js';
import { spawnBot, WebChatCustomer } from './webchat.js';

const options = numericOptions({ conversations: 10_000, warm: 1000, concurrency: 50, timeLimit: 600 });
if (options.warm >= options.conversations) throw new Error('--warm must be less than --conversations');

const deadline = AbortSignal.timeout(options.timeLimit * 1000);
setMaxListeners(0, deadline);
const first = RETURN_CONVERSATION[0]!;
let errors = 0;

/** Runs `work` for indexes [from, to), `options.concurrency` at a time, until the time limit. */
async function each(from: number, to: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < to && !deadline.aborted) {
        const index = next;
        next += 1;
        try {
          await work(index);
        } catch (error) {
          errors += 1;
          if (errors <= 3) console.error(`conversation ${index}:`, error instanceof Error ? error.message : error);
        }
      }
    }),
  );
  if (deadline.aborted) throw new Error(`time limit of ${options.timeLimit} s reached`);
}

console.log(`machine: ${machine()}`);
const bot = await spawnBot({ exposeGc: true });
const customers: WebChatCustomer[] = [];
const heap = async () => (await bot.usage(true)).memory;
try {
  const started = await heap();
  console.log(`bot started: heap used ${mb(started.heapUsed)}`);

  const open = (index: number) => WebChatCustomer.open(bot.url).then((customer) => void (customers[index] = customer));
  const greet = (index: number) => customers[index]!.send({ text: first.text }, first.replies, 30_000).then(() => undefined);
  await each(0, options.warm, async (index) => {
    await open(index);
    await greet(index);
  });
  const baseline = await heap();
  console.log(`${int(options.warm)} conversations open, each after a first message: heap used ${mb(baseline.heapUsed)} (baseline)`);

  let clock = performance.now();
  await each(options.warm, options.conversations, open);
  const opened = await heap();
  const added = options.conversations - options.warm;
  const perOpened = (opened.heapUsed - baseline.heapUsed) / added;
  console.log(
    `${int(options.conversations)} conversations open, nothing said (opened in ${((performance.now() - clock) / 1000).toFixed(1)} s): ` +
      `heap used ${mb(opened.heapUsed)}; ${int(perOpened)} bytes of heap per conversation ` +
      `(+ ${int((opened.external - baseline.external) / added)} bytes external)`,
  );

  clock = performance.now();
  await each(options.warm, options.conversations, greet);
  const greeted = await heap();
  const perGreeted = (greeted.heapUsed - baseline.heapUsed) / added;
  console.log(
    `each sent "${first.text}" and got its reply (${((performance.now() - clock) / 1000).toFixed(1)} s), then idle: ` +
      `heap used ${mb(greeted.heapUsed)}; ${int(perGreeted)} bytes of heap per conversation ` +
      `(+ ${int((greeted.external - baseline.external) / added)} bytes external)`,
  );
  console.log(`errors: ${errors}`);
  console.log(`bytes per idle conversation=${int(Math.max(perOpened, perGreeted))}`);
} finally {
  for (const customer of customers) customer?.close();
  await bot.stop();
}
if (errors > 0) process.exitCode = 1;
