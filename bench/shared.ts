/**
 * What the benchmarks share: the one return conversation every simulated customer has, the
 * statistics, the machine description, temporary data folders and the bot's settings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../bot/config.js';

/** One customer message of the return, how many replies it gets, and what the last of them says. */
export interface Turn {
  text: string;
  /** The customer sends a photo (their own: every customer's bytes differ) instead of text. */
  photo?: boolean;
  replies: number;
  expect: RegExp;
}

/**
 * The 6-turn return of test/dialogs/quality.spec.ts: mouldy millet from demo order 123456, phone
 * digits, quantity, a photo, confirmation, refund. Nine bot messages in all.
 */
export const RETURN_CONVERSATION: readonly Turn[] = [
  { text: '我昨天收到的小米有发霉的,订单号是123456', replies: 1, expect: /手机号.*后四位/ },
  { text: '5678', replies: 1, expect: /几件/ },
  { text: '2', replies: 1, expect: /拍照/ },
  { text: '', photo: true, replies: 2, expect: /请核对/ },
  { text: '确认', replies: 2, expect: /您希望怎么处理/ },
  { text: '退款', replies: 2, expect: /工单号是 RB-\d{8}-\d{4}/ },
];

export const REPLIES_PER_CONVERSATION = RETURN_CONVERSATION.reduce((sum, turn) => sum + turn.replies, 0);

const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A real 1×1 PNG with bytes after IEND, so that each customer's photo has its own sha256. */
export function customerPhoto(customer: string): Buffer {
  return Buffer.concat([Buffer.from(ONE_PIXEL_PNG, 'base64'), Buffer.from(`bench-${customer}`)]);
}

/** Whether a turn's replies are the ones the script expects (the right count, the right last words). */
export function repliesMatch(turn: Turn, texts: string[]): boolean {
  return texts.length === turn.replies && turn.expect.test(texts.join('\n'));
}

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of the samples (milliseconds). */
export function summarize(samples: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(samples).sort();
  const count = sorted.length;
  if (count === 0) return { count, mean: NaN, p50: NaN, p99: NaN, max: NaN };
  const rank = (p: number) => sorted[Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1))]!;
  let total = 0;
  for (const value of sorted) total += value;
  return { count, mean: total / count, p50: rank(50), p99: rank(99), max: sorted[count - 1]! };
}

export const ms = (value: number, digits = 2) => `${value.toFixed(digits)} ms`;
export const int = (value: number) => (Math.round(value) + 0).toLocaleString('en-US'); // + 0: no "-0"
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The machine, as the README quotes it. */
export function machine(): string {
  const cpus = os.cpus();
  const model = (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  // The load average says how much else the machine was doing: latency figures mean little without it.
  const load = os.loadavg().map((value) => value.toFixed(1)).join(' / ');
  return `${os.availableParallelism()} cores (${model}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, ${os.platform()} ${os.arch()}; load average ${load} (1 / 5 / 15 min)`;
}

export interface TempDir {
  path: string;
  remove(): void;
}

/** A fresh folder under the system's temporary folder; removed on `remove()` and at exit. */
export function tempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(os.tmpdir(), `returnbot-${prefix}-`));
  const remove = () => rmSync(path, { recursive: true, force: true });
  process.once('exit', remove);
  return { path, remove };
}

const RULES_FILE = fileURLToPath(new URL('../data/rules.yaml', import.meta.url));

/**
 * Production settings except: data in `dataDir`, any free port on loopback, no log output (set
 * BENCH_LOG_LEVEL, e.g. to warn, to see the bot's own log lines).
 */
export function benchConfig(dataDir: string): Config {
  const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'silent';
  return loadConfig({ DATA_DIR: dataDir, RULES_FILE, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL, DEMO_DATA: 'true' }, '');
}

/** `--name=value` options with numeric defaults; anything else stops the run with the usage. */
export function numericOptions<T extends Record<string, number>>(defaults: T, argv = process.argv.slice(2)): T {
  const options: Record<string, number> = { ...defaults };
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(\d+(?:\.\d+)?)$/.exec(arg);
    const key = match?.[1]?.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    if (!match || !key || !(key in defaults)) {
      const usage = Object.entries(defaults).map(([name, value]) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}=${value}`);
      console.error(`unknown option ${arg}; options: ${usage.join(' ')}`);
      process.exit(2);
    }
    options[key] = Number(match[2]);
  }
  return options as T;
}
