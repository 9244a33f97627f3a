/**
 * `npm run bench:load`: the real bot on 127.0.0.1 (in its own process) and N concurrent web chat
 * customers over the connection the widget uses (Direct Line: HTTP posts and uploads, replies on
 * the WebSocket), each a full return: 6 messages, one of them a photo, 9 replies. Customers think
 * before each message (uniform between --think-min and --think-max ms; the first message too, so
 * that arrivals spread), as people do; `--think-min=0 --think-max=0` asks for the bot's capacity
 * instead (then latency is mostly queueing). Stops by itself: anything unfinished at
 * --time-limit seconds counts as an error.
 *
 *   npm run bench:load -- --customers=1000 --think-min=2000 --think-max=10000 --time-limit=120
 */
import { setMaxListeners } from 'node:events';
import { customerPhoto, int, machine, mb, ms, numericOptions, repliesMatch, REPLIES_PER_CONVERSATION, RETURN_CONVERSATION, summarize } from './shared.js';
import { CustomerError, spawnBot, WebChatCustomer } from './webchat.js';

const options = numericOptions({
  customers: 1000,
  thinkMin: 2000,
  thinkMax: 10_000,
  /** Customers opening their chat at the same time while the conversations are set up. */
  openConcurrency: 50,
  replyTimeout: 10_000,
  timeLimit: 120,
});

const errors = { http: 0, socket: 0, timeout: 0, wrong_reply: 0, unfinished: 0 };
const countError = (error: unknown) => {
  if (error instanceof CustomerError) errors[error.kind] += 1;
  else {
    errors.http += 1;
    if (errors.http <= 3) console.error('unexpected:', error);
  }
};
const latencies: number[] = [];
const turnLatencies: number[] = [];
const byMessage = RETURN_CONVERSATION.map(() => [] as number[]);
let replies = 0;
let finished = 0;

const sleep = (millis: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, millis);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
const think = () => options.thinkMin + Math.random() * (options.thinkMax - options.thinkMin);

console.log(`machine: ${machine()}`);
console.log(
  `${int(options.customers)} web chat customers at once, each a full return (${RETURN_CONVERSATION.length} messages, ` +
    `${REPLIES_PER_CONVERSATION} replies), thinking ${options.thinkMin}–${options.thinkMax} ms before each message; Direct Line on 127.0.0.1`,
);

const bot = await spawnBot();
const deadline = AbortSignal.timeout(options.timeLimit * 1000);
setMaxListeners(0, deadline); // every thinking customer listens to it
const customers: WebChatCustomer[] = [];
let conversationSeconds = 0;
let cpuLine = '';
let usage: Awaited<ReturnType<typeof bot.usage>> | undefined;
try {
  // Every customer opens the chat page: session, conversation, stream.
  const openStart = performance.now();
  let opened = 0;
  let openErrors = 0;
  await Promise.all(
    Array.from({ length: Math.min(options.openConcurrency, options.customers) }, async () => {
      while (opened + openErrors < options.customers && !deadline.aborted) {
        const slot = opened + openErrors;
        opened += 1;
        try {
          customers[slot] = await WebChatCustomer.open(bot.url);
        } catch (error) {
          opened -= 1;
          openErrors += 1;
          countError(error);
        }
      }
    }),
  );
  console.log(`opened ${int(opened)} conversations in ${((performance.now() - openStart) / 1000).toFixed(1)} s (${openErrors} failed)`);

  // Every customer does the whole return, at their own pace.
  const botCpuBefore = (await bot.usage()).cpu;
  const driverCpuBefore = process.cpuUsage();
  const start = performance.now();
  let lastReply = start;
  await Promise.all(
    customers.map(async (customer, index) => {
      if (!customer) return;
      const photo = customerPhoto(`load-${index}`);
      for (const [number, turn] of RETURN_CONVERSATION.entries()) {
        await sleep(think(), deadline);
        if (deadline.aborted) {
          errors.unfinished += 1;
          return;
        }
        try {
          const { sentAt, arrivals } = await customer.send(turn.photo ? { text: turn.text, photo } : { text: turn.text }, turn.replies, options.replyTimeout);
          for (const arrival of arrivals) latencies.push(arrival.at - sentAt);
          const last = arrivals[arrivals.length - 1]!.at;
          turnLatencies.push(last - sentAt);
          byMessage[number]!.push(last - sentAt);
          lastReply = Math.max(lastReply, last);
          replies += arrivals.length;
          if (!repliesMatch(turn, arrivals.map((arrival) => arrival.text))) throw new CustomerError('wrong_reply', `turn "${turn.text}": ${arrivals.map((a) => a.text).join(' | ')}`);
        } catch (error) {
          countError(error);
          return; // a customer whose chat broke does not go on
        }
      }
      finished += 1;
    }),
  );
  conversationSeconds = (lastReply - start) / 1000;
  usage = await bot.usage();
  const seconds = (performance.now() - start) / 1000;
  const busy = (cpu: NodeJS.CpuUsage, before: NodeJS.CpuUsage) => (cpu.user + cpu.system - before.user - before.system) / 1e6 / seconds;
  cpuLine =
    `CPU while conversing (1.00 = one core busy): bot ${busy(usage.cpu, botCpuBefore).toFixed(2)}, driver ${busy(process.cpuUsage(), driverCpuBefore).toFixed(2)}; ` +
    `bot event loop delay p99 ${ms(usage.loopDelay.p99, 0)}, max ${ms(usage.loopDelay.max, 0)}`;
} finally {
  for (const customer of customers) customer?.close();
  await bot.stop();
}

const reply = summarize(latencies);
const turn = summarize(turnLatencies);
const errorCount = Object.values(errors).reduce((sum, count) => sum + count, 0);
console.log(`finished returns: ${int(finished)} of ${int(options.customers)}`);
console.log(
  `replies: ${int(replies)} in ${conversationSeconds.toFixed(1)} s → ${int(replies / conversationSeconds)} replies/s ` +
    `(${int(turn.count / conversationSeconds)} customer messages/s)`,
);
console.log(`reply latency (message sent → reply on the socket): p50 ${ms(reply.p50)}, p99 ${ms(reply.p99)}, max ${ms(reply.max)}`);
console.log(`turn latency (message sent → last reply of the turn): p50 ${ms(turn.p50)}, p99 ${ms(turn.p99)}, max ${ms(turn.max)}`);
console.log(`turn latency by message, p50: ${byMessage.map((samples) => summarize(samples).p50.toFixed(1)).join(' / ')} ms`);
console.log(`turn latency by message, p99: ${byMessage.map((samples) => summarize(samples).p99.toFixed(1)).join(' / ')} ms`);
console.log(`errors: ${errorCount} (${Object.entries(errors).map(([kind, count]) => `${kind} ${count}`).join(', ')})`);
console.log(cpuLine);
console.log(`bot process: peak RSS ${mb(usage?.maxRssBytes ?? NaN)}, heap used at the end ${mb(usage?.memory.heapUsed ?? NaN)}; driver peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
if (errorCount > 0) process.exitCode = 1;
