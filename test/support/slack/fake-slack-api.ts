import { once } from 'node:events';
import {
  createServer,
  STATUS_CODES,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseForm } from 'node:querystring';
import busboy from 'busboy';
import {
  SlackWorkspace,
  type SlackArgs,
  type SlackChannel,
  type SlackResult,
  type SlackUser,
} from './slack-workspace.js';

/** The name calls to the upload URL are recorded under (not a Web API method). */
export const UPLOAD = 'upload';

/** One request the stand-in answered, failed ones included. */
export interface SlackApiCall {
  method: string;
  /** Form fields or JSON; fields @slack/web-api JSON-encodes (blocks, view, files...) decoded. */
  body: SlackArgs;
  headers: IncomingHttpHeaders;
  status: number;
  /** Whether the answer said `ok: true`. */
  ok: boolean;
}

/** What `failNext` makes a method answer instead of its normal result. */
export type SlackFailure =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { error: string };

export interface SlackApiOptions {
  /** The user table for `users.info`, by user id. */
  users?: Record<string, SlackUser>;
  /** The channel table for `conversations.info`, by channel id. */
  channels?: Record<string, SlackChannel>;
}

/** A local stand-in for Slack's Web API; see `startSlackApi`. */
export interface SlackApi {
  /** `http://127.0.0.1:PORT/api/`, the value for `slackApiUrl`. */
  readonly url: string;
  readonly calls: readonly SlackApiCall[];
  /** Users, channels and uploaded files, to add to or inspect. */
  readonly workspace: SlackWorkspace;
  callsTo(method: string): SlackApiCall[];
  /** Resolves with the first call to `method` answered ok (already made or still to come). */
  waitFor(
    method: string,
    predicate?: (call: SlackApiCall) => boolean,
    timeoutMs?: number,
  ): Promise<SlackApiCall>;
  /** The next `times` calls to `method` fail as described, then it works again. */
  failNext(method: string, failure: SlackFailure, times?: number): void;
  /** Every method answers 503 until `up()`: Slack having an outage. */
  down(): void;
  up(): void;
  /** Forgets recorded calls and pending failures and comes back up; keeps workspace state. */
  reset(): void;
  close(): Promise<void>;
}

/** Fields @slack/web-api sends JSON-encoded inside a form body; decoded so tests can read them. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata']);

interface Waiter {
  matches(call: SlackApiCall): boolean;
  resolve(call: SlackApiCall): void;
}

/**
 * Starts a local HTTP server that answers the Slack Web API the way @slack/web-api calls it,
 * so tests drive the real WebClient (and Bolt, which uses it) instead of a fake of our code.
 * Calls are POSTs to /api/<method>, form-encoded or JSON, with `Authorization: Bearer xoxb-...`.
 */
export async function startSlackApi(options: SlackApiOptions = {}): Promise<SlackApi> {
  let origin = '';
  const workspace = new SlackWorkspace(
    new Map(Object.entries(options.users ?? {})),
    new Map(Object.entries(options.channels ?? {})),
    () => origin,
  );
  const calls: SlackApiCall[] = [];
  const failures = new Map<string, SlackFailure[]>();
  let waiters: Waiter[] = [];
  let isDown = false;

  function record(call: SlackApiCall): void {
    calls.push(call);
    for (const waiter of waiters.filter((w) => w.matches(call))) waiter.resolve(call);
    waiters = waiters.filter((w) => !w.matches(call));
  }

  /** The injected failure for this call, if any; consumed as it is used. */
  function takeFailure(method: string): SlackFailure | undefined {
    if (isDown) return { status: 503 };
    return failures.get(method)?.shift();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', origin).pathname;
    const upload = /^\/upload\/v1\/(\w+)$/.exec(path);
    if (path.startsWith('/api/')) {
      const method = path.slice('/api/'.length);
      const body = parseArgs(req, raw);
      const failure = takeFailure(method);
      const reply = failure ? failed(failure) : answered(answerMethod(req, method, body));
      record({ method, body, headers: req.headers, status: reply.status, ok: reply.ok });
      send(res, reply);
    } else if (req.method === 'POST' && upload?.[1]) {
      const fileId = upload[1];
      const content = await uploadedBytes(req, raw);
      const failure = takeFailure(UPLOAD);
      // Slack's upload host answers plain text "OK - <bytes>", not JSON.
      const reply = failure
        ? failed(failure)
        : workspace.receiveUpload(fileId, content)
          ? plain(200, `OK - ${content.length}`)
          : plain(404, 'Not Found');
      const body = { file_id: fileId, length: content.length };
      record({ method: UPLOAD, body, headers: req.headers, status: reply.status, ok: reply.ok });
      send(res, reply);
    } else {
      send(res, plain(404, 'Not Found'));
    }
  }

  function answerMethod(req: IncomingMessage, method: string, body: SlackArgs): SlackResult {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof body.token === 'string' ? body.token : undefined);
    if (!token) return { ok: false, error: 'not_authed' };
    if (!/^xox[abp]-/.test(token)) return { ok: false, error: 'invalid_auth' };
    return workspace.call(method, body) ?? { ok: false, error: 'unknown_method' };
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/api/`,
    calls,
    workspace,
    callsTo: (method) => calls.filter((c) => c.method === method),
    waitFor(method, predicate = () => true, timeoutMs = 2000) {
      const matches = (c: SlackApiCall) => c.method === method && c.ok && predicate(c);
      const done = calls.find(matches);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          const seen = calls.map((c) => `${c.method}:${c.status}${c.ok ? '' : '!'}`).join(', ');
          reject(new Error(`waitFor(${method}): no matching ok call in ${timeoutMs} ms; saw [${seen}]`));
        }, timeoutMs);
        const waiter: Waiter = {
          matches,
          resolve: (call) => {
            clearTimeout(timer);
            resolve(call);
          },
        };
        waiters.push(waiter);
      });
    },
    failNext(method, failure, times = 1) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(failure);
      failures.set(method, queue);
    },
    down: () => {
      isDown = true;
    },
    up: () => {
      isDown = false;
    },
    reset() {
      calls.length = 0;
      failures.clear();
      isDown = false;
    },
    async close() {
      // Clients keep connections alive; without this close() waits for them to time out.
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** An HTTP answer, decided before it is recorded and sent. */
interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  ok: boolean;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** A Web API result: Slack answers HTTP 200 and says success or failure in `ok`. */
function answered(result: SlackResult): Reply {
  return { status: 200, headers: JSON_TYPE, body: JSON.stringify(result), ok: result.ok };
}

function failed(failure: SlackFailure): Reply {
  if ('error' in failure) return answered({ ok: false, error: failure.error });
  if (failure.status === 429) {
    const headers = { ...JSON_TYPE, 'retry-after': String(failure.retryAfter) };
    return { status: 429, headers, body: JSON.stringify({ ok: false, error: 'ratelimited' }), ok: false };
  }
  // 5xx answers come from Slack's edge, not the API, so they are not JSON.
  return plain(failure.status, STATUS_CODES[failure.status] ?? 'Error');
}

function plain(status: number, text: string): Reply {
  return { status, headers: { 'content-type': 'text/plain' }, body: text, ok: status === 200 };
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers).end(reply.body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Web API arguments from a form or JSON body (GET query strings too, which Slack also accepts). */
function parseArgs(req: IncomingMessage, raw: Buffer): SlackArgs {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) return raw.length ? (JSON.parse(raw.toString()) as SlackArgs) : {};
  const form = raw.length ? raw.toString() : new URL(req.url ?? '/', 'http://x').search.slice(1);
  const args: SlackArgs = {};
  for (const [key, value] of Object.entries(parseForm(form))) {
    const single = Array.isArray(value) ? value[0] : value;
    args[key] = JSON_FIELDS.has(key) && single ? JSON.parse(single) : single;
  }
  return args;
}

/** The file bytes: @slack/web-api posts them as multipart field `body`; raw bodies count too. */
async function uploadedBytes(req: IncomingMessage, raw: Buffer): Promise<Buffer> {
  if (!req.headers['content-type']?.startsWith('multipart/form-data')) return raw;
  const parts: Buffer[] = [];
  const parser = busboy({ headers: req.headers });
  parser.on('file', (_field, stream) => {
    stream.on('data', (chunk: Buffer) => parts.push(chunk));
  });
  const finished = once(parser, 'close');
  parser.end(raw);
  await finished;
  return Buffer.concat(parts);
}
