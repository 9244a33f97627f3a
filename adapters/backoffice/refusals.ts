import type { ErrorRequestHandler, Request } from 'express';

/** The part of pino the back-office API uses; the composition root passes its own logger. */
export interface BackofficeLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/**
 * A request the API refuses: the status, the JSON body sent as it is, and what the log line adds.
 * Thrown from anywhere in a route, answered in one place.
 */
export class Refusal extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422,
    readonly body: { error: string } & Record<string, unknown>,
    readonly log: Record<string, unknown> = {},
  ) {
    super(body.error);
    this.name = 'Refusal';
  }
}

/** Facts about the request worth a log line; set by the routes as they learn them. */
export interface RequestFacts {
  route?: string;
  caseId?: string;
  keyId?: string;
  scope?: string;
  eventId?: string;
}

const facts = new WeakMap<Request, RequestFacts>();

export function noteFacts(req: Request, more: RequestFacts): void {
  facts.set(req, { ...facts.get(req), ...more });
}

/** Notes the matched route and case: error handlers outside the route no longer see either. */
export function noteRoute(req: Request): void {
  const caseId = req.params.caseId;
  noteFacts(req, {
    route: (req.route as { path?: string } | undefined)?.path,
    ...(typeof caseId === 'string' ? { caseId: caseId.slice(0, 80) } : {}),
  });
}

/** Where a request went, for log lines: the route pattern and the case, never headers or body. */
export function describeRequest(req: Request): Record<string, unknown> {
  return { where: 'backoffice', method: req.method, route: 'unmatched', ...facts.get(req) };
}

/** body-parser's errors carry a `type` and a 4xx status. */
function bodyParserRefusal(error: unknown): Refusal | undefined {
  const { type, status, limit, message } = (error ?? {}) as { type?: unknown; status?: unknown; limit?: unknown; message?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number') return undefined;
  if (type === 'entity.too.large') return new Refusal(413, { error: 'too_large', detail: `the body is larger than ${String(limit)} bytes` });
  if (type === 'entity.parse.failed') return new Refusal(400, { error: 'invalid_json', detail: 'the body is not valid JSON' });
  if (status === 415) return new Refusal(415, { error: 'bad_request', detail: String(message) });
  if (status >= 400 && status < 500) return new Refusal(400, { error: 'bad_request', detail: String(message) });
  return undefined;
}

/**
 * Every refusal becomes its JSON answer and one warn line; anything unexpected a 500 and one error
 * line. Keys and bodies are never logged.
 */
export function refusalReply(logger: BackofficeLogger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const refusal = error instanceof Refusal ? error : bodyParserRefusal(error);
    if (refusal) {
      logger.warn({ ...describeRequest(req), status: refusal.status, error: refusal.body.error, ...refusal.log }, 'back-office request refused');
      if (!res.headersSent) {
        if (refusal.status === 401) res.set('WWW-Authenticate', 'Bearer realm="returnbot back-office"');
        res.status(refusal.status).json(refusal.body);
      } else res.end();
      return;
    }
    const { message, code } = (error instanceof Error ? error : new Error(String(error))) as Error & { code?: unknown };
    logger.error({ ...describeRequest(req), status: 500, error: message, ...(typeof code === 'string' ? { code } : {}) }, 'back-office request failed');
    if (!res.headersSent) res.status(500).json({ error: 'internal' });
    else res.end();
  };
}
