import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from '../../../bot/logger.js';
import type { Numbers } from '../../../bot/operations/numbers.js';
import { periodOf, shownPeriod } from '../../../bot/operations/numbers-filter.js';
import { sendError } from '../errors.js';
import type { OpsSection } from '../section.js';
import { parseNumbersQuery, type NumbersQuery } from './numbers-query.js';

export interface NumbersSectionDeps {
  numbers: Numbers;
  /** The shop's zone, read at each request: rules applied from the console may change it. */
  zone: () => string;
  clock: () => Date;
  logger: Logger;
}

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PHOTO_ID = /^[0-9a-f]{64}$/;

/**
 * The numbers' API, read-only, for viewers and operators alike: `GET /ops/api/dashboard`,
 * `/ops/api/cases`, `/ops/api/cases.csv`, `/ops/api/cases/:id` and `/ops/api/cases/:id/photos/:photoId`.
 * Three sections because a section is mounted at its name and `cases.csv` is not under `cases/`.
 */
export function numbersSections(deps: NumbersSectionDeps): OpsSection[] {
  const { numbers } = deps;
  const withQuery = (handle: (query: NumbersQuery, req: Request, res: Response) => Promise<void>): RequestHandler =>
    guarded(deps.logger, async (req, res) => {
      const parsed = parseNumbersQuery(req.query, deps.zone());
      if (!parsed.ok) {
        sendError(res, 400, 'bad_query', `${parsed.field}: ${parsed.message}`);
        return;
      }
      await handle(parsed.query, req, res);
    });

  const dashboard = Router();
  dashboard.get('/', withQuery(async (query, _req, res) => {
    res.json(await numbers.dashboard(query.filter));
  }));

  const csv = Router();
  csv.get('/', withQuery(async (query, _req, res) => {
    const body = await numbers.casesCsv(query.filter, query.lang);
    const { firstDay, lastDay } = shownPeriod(periodOf(query.filter, deps.clock(), deps.zone()), deps.zone());
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="returnbot-cases-${firstDay}_${lastDay}.csv"`);
    res.send(body);
  }));

  const cases = Router();
  cases.get('/', withQuery(async (query, _req, res) => {
    res.json(await numbers.cases(query.filter, query.page));
  }));
  cases.get('/:id', guarded(deps.logger, async (req, res) => {
    const id = String(req.params['id']);
    const detail = CASE_ID.test(id) ? await numbers.caseDetail(id) : null;
    if (!detail) {
      notFound(res, `no case ${id}`);
      return;
    }
    res.json(detail);
  }));
  cases.get('/:id/photos/:photoId', guarded(deps.logger, async (req, res) => {
    const id = String(req.params['id']);
    const photoId = String(req.params['photoId']);
    const photo = CASE_ID.test(id) && PHOTO_ID.test(photoId) ? await numbers.casePhoto(id, photoId) : null;
    if (!photo) {
      notFound(res, `case ${id} has no photo ${photoId}`);
      return;
    }
    res.set('Content-Type', photo.mime);
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Content-Security-Policy', "default-src 'none'");
    res.send(photo.data);
  }));

  return [
    { name: 'dashboard', router: dashboard },
    { name: 'cases', router: cases },
    { name: 'cases.csv', router: csv },
  ];
}

function notFound(res: Response, message: string): void {
  sendError(res, 404, 'not_found', message);
}

/** A failing read answers JSON 500 and is logged, whatever the console's own error handling. */
function guarded(logger: Logger, handle: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, path: req.originalUrl }, 'ops numbers: request failed');
      if (!res.headersSent) sendError(res, 500, 'internal', 'the numbers could not be read; see the bot log');
    });
  };
}
