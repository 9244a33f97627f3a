/**
 * The real bot (`startReturnbot`: store, engine, web channel, outbox dispatcher) in a process of its
 * own, for bench/load.ts and bench/heap.ts: the driver's sockets and buffers then do not count in
 * the bot's memory or compete with it in its event loop. Data in a temporary folder; loopback, any
 * free port; no log output. Talks to its parent over IPC:
 *   → { type: 'ready', url }             once listening
 *   ← { type: 'usage', gc?: boolean }    → { type: 'usage', memory, maxRssBytes, cpu, loopDelay }
 *   ← { type: 'stop' }                   stops the bot, removes the data folder, exits
 * It also stops when the parent goes away.
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { startReturnbot } from '../bot/app.js';
import { benchConfig, tempDir } from './shared.js';

export type ServerRequest = { type: 'usage'; gc?: boolean } | { type: 'stop' };
export type ServerReport =
  | { type: 'ready'; url: string }
  | { type: 'usage'; memory: NodeJS.MemoryUsage; maxRssBytes: number; cpu: NodeJS.CpuUsage; loopDelay: LoopDelay };

/** How late the bot's event loop ran timers since the last report (ms): time it was blocked. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

const send = (report: ServerReport) => process.send?.(report);
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
const data = tempDir('bench-server');
const bot = await startReturnbot(benchConfig(data.path));

let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= (async () => {
    try {
      await bot.stop();
    } finally {
      data.remove();
      process.exit(0);
    }
  })());

process.on('message', (request: ServerRequest) => {
  if (request.type === 'stop') {
    void stop();
    return;
  }
  if (request.gc) {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('bench/server.ts: run with --expose-gc to measure the heap');
    // Several full collections: weak references and finalizers free more on the later ones.
    for (let i = 0; i < 4; i += 1) gc();
    // BENCH_HEAP_SNAPSHOTS=folder: a heap snapshot at each measurement, for Chrome DevTools.
    if (process.env.BENCH_HEAP_SNAPSHOTS) writeHeapSnapshot(join(process.env.BENCH_HEAP_SNAPSHOTS, `bot-${Date.now()}.heapsnapshot`));
  }
  const loopDelay = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
  loop.reset();
  send({ type: 'usage', memory: process.memoryUsage(), maxRssBytes: process.resourceUsage().maxRSS * 1024, cpu: process.cpuUsage(), loopDelay });
});
process.on('disconnect', () => void stop());
send({ type: 'ready', url: bot.url });
