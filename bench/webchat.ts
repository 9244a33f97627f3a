/**
 * A web chat customer as the widget is one: the page's session, Direct Line 3.0 over HTTP, the
 * bot's replies pushed on the WebSocket stream (the calls botframework-directlinejs makes; see
 * test/web/directline-client.ts). And the bot under test, in a child process (bench/server.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { LoopDelay, ServerReport, ServerRequest } from './server.js';

export interface BotProcess {
  url: string;
  usage(gc?: boolean): Promise<{ memory: NodeJS.MemoryUsage; maxRssBytes: number; cpu: NodeJS.CpuUsage; loopDelay: LoopDelay }>;
  stop(): Promise<void>;
}

/** Starts bench/server.ts under tsx and waits until it listens. */
export function spawnBot(options: { exposeGc?: boolean; timeoutMs?: number } = {}): Promise<BotProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    execArgv: [
      '--import',
      'tsx',
      ...(options.exposeGc ? ['--expose-gc'] : []),
      // e.g. BENCH_BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": profiles the bot, not the driver.
      ...(process.env.BENCH_BOT_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T extends ServerReport['type']>(type: T, timeoutMs: number) =>
    new Promise<Extract<ServerReport, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench server: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (report: ServerReport) => {
        if (report.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(report as Extract<ServerReport, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`bench server exited (${code}) before "${type}"`));
      });
    });
  const request = (message: ServerRequest) => child.send(message);
  return next('ready', options.timeoutMs ?? 60_000).then(({ url }) => ({
    url,
    async usage(gc = false) {
      const reply = next('usage', 120_000);
      request({ type: 'usage', gc });
      const { memory, maxRssBytes, cpu, loopDelay } = await reply;
      return { memory, maxRssBytes, cpu, loopDelay };
    },
    async stop() {
      if (child.exitCode === null && child.connected) request({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  }));
}

/** A bot message as it arrived on the stream. */
export interface Arrival {
  at: number;
  text: string;
}

/** Raised for anything a customer would see as broken: refused requests, dropped sockets, silence. */
export class CustomerError extends Error {
  constructor(
    readonly kind: 'http' | 'socket' | 'timeout' | 'wrong_reply',
    message: string,
  ) {
    super(message);
  }
}

let clientIds = 0;

export class WebChatCustomer {
  private readonly waiting = new Map<string, { count: number; arrivals: Arrival[]; done: () => void }>();
  /** Replies that came before their message's turn was registered (or after it ended). */
  private readonly early = new Map<string, Arrival[]>();
  private socketProblem: CustomerError | undefined;

  private constructor(
    private readonly base: string,
    private readonly token: string,
    readonly conversationId: string,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => this.onActivities(data.toString()));
    const broken = (why: string) => {
      this.socketProblem ??= new CustomerError('socket', why);
      for (const turn of this.waiting.values()) turn.done();
    };
    socket.on('close', (code) => broken(`stream closed (${code})`));
    socket.on('error', (error) => broken(`stream error: ${error.message}`));
  }

  /** Gets a session, starts the conversation and opens its stream, as the page does. */
  static async open(url: string): Promise<WebChatCustomer> {
    const session = (await json(await fetch(`${url}/webchat/session`, { method: 'POST' }), 'POST /webchat/session')) as { token: string };
    const base = `${url}/v3/directline`;
    const conversation = (await json(
      await fetch(`${base}/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${session.token}` } }),
      'POST /conversations',
    )) as { conversationId: string; streamUrl: string };
    const socket = new WebSocket(conversation.streamUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', (error) => reject(new CustomerError('socket', `stream: ${error.message}`)));
      socket.once('unexpected-response', (_request, response) => reject(new CustomerError('socket', `stream: HTTP ${response.statusCode}`)));
    });
    return new WebChatCustomer(base, session.token, conversation.conversationId, socket);
  }

  /**
   * Sends one message (text, or a photo as Web Chat uploads it) and waits for `replies` bot
   * messages answering it. Arrival times are `performance.now()` values; `sentAt` is taken just
   * before the request leaves.
   */
  async send(message: { text: string; photo?: Buffer }, replies: number, timeoutMs: number): Promise<{ sentAt: number; arrivals: Arrival[] }> {
    if (this.socketProblem) throw this.socketProblem;
    const clientActivityID = `b${(clientIds += 1).toString(36)}`;
    const activityId = `${this.conversationId}|c-${clientActivityID}`;
    const activity = { type: 'message', text: message.text, from: { id: 'bench', role: 'user' }, channelData: { clientActivityID } };
    const arrivals: Arrival[] = this.early.get(activityId) ?? [];
    this.early.delete(activityId);
    let done!: () => void;
    const answered = new Promise<void>((resolve) => (done = resolve));
    this.waiting.set(activityId, { count: replies, arrivals, done });
    if (arrivals.length >= replies) done();
    const timer = setTimeout(done, timeoutMs);
    const sentAt = performance.now();
    try {
      const response = message.photo ? await this.upload(activity, message.photo) : await this.post(activity);
      const { id } = (await json(response, message.photo ? 'POST upload' : 'POST activities')) as { id: string };
      if (id !== activityId) throw new CustomerError('http', `activity id ${id}, expected ${activityId}`);
      await answered;
    } finally {
      clearTimeout(timer);
      this.waiting.delete(activityId);
    }
    if (arrivals.length < replies) {
      throw this.socketProblem ?? new CustomerError('timeout', `${arrivals.length} of ${replies} replies within ${timeoutMs} ms`);
    }
    return { sentAt, arrivals };
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.on('error', () => undefined);
    this.socket.close();
  }

  private post(activity: object): Promise<Response> {
    return fetch(`${this.base}/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
  }

  private upload(activity: object, photo: Buffer): Promise<Response> {
    const form = new FormData();
    const withFile = { ...activity, attachments: [{ contentType: 'image/png', name: 'photo.png' }] };
    form.append('activity', new Blob([JSON.stringify(withFile)], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/png' }), 'photo.png');
    return fetch(`${this.base}/conversations/${this.conversationId}/upload?userId=bench`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}` },
      body: form,
    });
  }

  private onActivities(data: string): void {
    if (!data) return; // Direct Line's keep-alive: an empty message
    const at = performance.now();
    const set = JSON.parse(data) as { activities: { type?: string; from?: { role?: string }; replyToId?: string; text?: string }[] };
    for (const activity of set.activities) {
      if (activity.type !== 'message' || activity.from?.role !== 'bot' || !activity.replyToId) continue;
      const arrival = { at, text: activity.text ?? '' };
      const turn = this.waiting.get(activity.replyToId);
      if (!turn) {
        this.early.set(activity.replyToId, [...(this.early.get(activity.replyToId) ?? []), arrival]);
        continue;
      }
      turn.arrivals.push(arrival);
      if (turn.arrivals.length >= turn.count) turn.done();
    }
  }
}

async function json(response: Response, what: string): Promise<unknown> {
  if (!response.ok) {
    await response.body?.cancel();
    throw new CustomerError('http', `${what}: HTTP ${response.status}`);
  }
  return response.json();
}
