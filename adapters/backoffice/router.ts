import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { caseDetailFor, type ApplyResult, type BackofficeActions, type BackofficeScope, type LifecycleEvent } from '../../bot/backoffice.js';
import type { Caller, KeyRing } from './keys.js';
import { openApiDocument } from './openapi.js';
import { describeRequest, noteFacts, noteRoute, Refusal, refusalReply, type BackofficeLogger } from './refusals.js';
import { backofficeSchemas, fieldProblems, parseBody } from './schemas.js';

export interface BackofficeRouterOptions {
  actions: BackofficeActions;
  keys: KeyRing;
  logger: BackofficeLogger;
  /** Largest body of an inspection report, photos included (default 32 MiB). Other bodies: 64 KiB at most. */
  maxBodyBytes?: number;
  /** Most photos in one inspection report (default 10). */
  maxPhotos?: number;
  /** Largest photo once decoded (default 10 MiB; pass the rules' photos.maxBytes). */
  maxPhotoBytes?: number;
}

const SMALL_BODY_BYTES = 64 * 1024;
const CASE_ID = /^[A-Za-z0-9][\w-]{0,63}$/;

/**
 * The back-office API, a channel for machines: the courier, the warehouse and operations report
 * what happens to a case after the chat, and look cases up. Mounted by the composition root at
 * `/api/v1`. Authenticates (Bearer key, scoped), validates, and hands plain events to the port.
 */
export function backofficeRouter(options: BackofficeRouterOptions): Router {
  const { actions, keys, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;
  const limits = { maxPhotos: options.maxPhotos ?? 10, maxPhotoBytes: options.maxPhotoBytes ?? 10 * 1024 * 1024 };
  const schemas = backofficeSchemas(limits);
  const document = openApiDocument(schemas, { ...limits, maxBodyBytes, smallBodyBytes: Math.min(SMALL_BODY_BYTES, maxBodyBytes) });
  const smallBody = express.json({ limit: Math.min(SMALL_BODY_BYTES, maxBodyBytes), type: () => true });
  const largeBody = express.json({ limit: maxBodyBytes, type: () => true });

  /** Who calls, or a 401 / 403 refusal. Runs before the body is read. */
  const authenticate = (req: Request, allowed: readonly BackofficeScope[]): Caller => {
    noteRoute(req);
    const header = req.get('authorization');
    const match = header === undefined ? null : /^Bearer +([\x21-\x7e]{1,256})\s*$/i.exec(header);
    if (!match?.[1]) throw new Refusal(401, { error: 'unauthorized' }, { reason: header === undefined ? 'no Authorization header' : 'not "Bearer <key>"' });
    const caller = keys.identify(match[1]);
    if (!caller) throw new Refusal(401, { error: 'unauthorized' }, { reason: 'unknown key' });
    noteFacts(req, { keyId: caller.keyId, scope: caller.scope });
    if (!allowed.includes(caller.scope)) throw new Refusal(403, { error: 'forbidden', scope: allowed.join(' or ') }, { needs: allowed });
    return caller;
  };

  const caseIdOf = (req: Request): string => {
    const caseId = req.params.caseId;
    if (typeof caseId !== 'string' || !CASE_ID.test(caseId)) throw new Refusal(404, { error: 'not_found', detail: 'no such case' });
    return caseId;
  };

  const readBody = (parser: RequestHandler, req: Request, res: Response): Promise<unknown> =>
    new Promise((resolve, reject) => parser(req, res, (error?: unknown) => (error ? reject(error) : resolve(req.body))));

  /** One event route: key and scope, then body (read only for a known caller), schema, event, apply. */
  const eventRoute = <S extends z.ZodType<{ eventId: string }>>(
    scope: BackofficeScope,
    schema: S,
    parser: RequestHandler,
    toEvent: (body: z.output<S>) => LifecycleEvent,
  ): RequestHandler => async (req, res) => {
    const caller = authenticate(req, [scope]);
    const caseId = caseIdOf(req);
    const parsed = parseBody(schema, await readBody(parser, req, res));
    if (!parsed.success) {
      const fields = fieldProblems(parsed.error);
      throw new Refusal(400, { error: 'invalid_body', fields }, { fields: fields.map(problem => problem.field) });
    }
    const { eventId } = parsed.data;
    noteFacts(req, { eventId });
    const result = await actions.apply(caseId, toEvent(parsed.data), caller.scope, eventId);
    answer(result, req, res);
  };

  const answer = (result: ApplyResult, req: Request, res: Response): void => {
    if (result.ok) {
      logger.info({ ...describeRequest(req), status: 200, caseStatus: result.status, duplicate: result.duplicate }, result.duplicate ? 'back-office event already applied' : 'back-office event applied');
      res.status(200).json({ status: result.status, duplicate: result.duplicate });
      return;
    }
    switch (result.problem) {
      case 'not_found':
        throw new Refusal(404, { error: 'not_found', detail: result.detail });
      case 'illegal_transition':
        throw new Refusal(409, { error: 'illegal_transition', detail: result.detail });
      case 'invalid':
        throw new Refusal(422, { error: 'invalid_event', detail: result.detail });
    }
  };

  const routes = Router();

  routes.get('/openapi.json', (req, res) => {
    res.json({ ...document, servers: [{ url: req.baseUrl || '/' }] });
  });

  routes.post(
    '/parcels/:caseId/events',
    // `at` is checked but the port's parcel event has no field for it yet.
    eventRoute('courier', schemas.parcelEvent, smallBody, ({ status, trackingNumber, note }) => ({ kind: 'parcel', status, trackingNumber, note })),
  );
  routes.post(
    '/cases/:caseId/inspection',
    eventRoute('warehouse', schemas.inspectionReport, largeBody, report => ({
      kind: 'inspection',
      result: report.result,
      disposition: report.result === 'passed' ? report.disposition : undefined,
      reason: report.reason,
      photos: report.photos.map(photo => ({ name: photo.name, data: Buffer.from(photo.contentBase64, 'base64') })),
    })),
  );
  routes.post(
    '/cases/:caseId/refund',
    eventRoute('operations', schemas.refund, smallBody, ({ amountCents, reference }) => ({ kind: 'refund', amountCents, reference })),
  );
  routes.post(
    '/cases/:caseId/replacement',
    eventRoute('warehouse', schemas.replacement, smallBody, ({ trackingNumber, carrier }) => ({ kind: 'replacement', trackingNumber, carrier })),
  );
  routes.get('/cases/:caseId', async (req, res) => {
    const caller = authenticate(req, ['courier', 'warehouse', 'operations']);
    const detail = await actions.caseDetail(caseIdOf(req));
    if (!detail) throw new Refusal(404, { error: 'not_found', detail: 'no such case' });
    res.status(200).json(caseDetailFor(caller.scope, detail));
  });

  routes.use((req, _res, next) => {
    next(new Refusal(404, { error: 'not_found', detail: `no route ${req.method} ${req.baseUrl}${req.path}`.slice(0, 300) }));
  });

  return Router().use(routes, refusalReply(logger));
}
