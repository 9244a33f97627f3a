import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { MAX_DAYS, MIN_DAYS, type RulesDesk, type RulesProblem } from '../../../bot/operations/rules-desk.js';
import { settingProblems } from '../../../policies/zod-problems.js';
import { sendError } from '../errors.js';
import { operatorsOnly, signedIn, type OpsSection } from '../section.js';

/** Rules files are a few KB; a larger body is a mistake or an abuse. */
export const MAX_BODY_BYTES = 64 * 1024;

const text = z
  .string({ error: 'must be the rules file as text' })
  .refine(value => Buffer.byteLength(value, 'utf8') <= MAX_BODY_BYTES, `must be at most ${MAX_BODY_BYTES / 1024} KB`);

const dryRunBody = z.object({
  text,
  days: z.int({ error: `must be a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}` }).min(MIN_DAYS).max(MAX_DAYS).default(30),
});

const applyBody = z.object({
  text,
  expectedVersion: z.string().regex(/^[0-9a-f]{64}$/, 'must be the version the rules were shown with (64 hex digits)'),
});

/**
 * `/ops/api/rules`: the rules file (GET), a dry run of a proposed text (POST dry-run), applying
 * it (POST apply, operators only) and the versions kept (GET history, GET history/<name>).
 */
export function rulesSection(desk: RulesDesk): OpsSection {
  const router = Router();

  router.get('/', (_req, res) => {
    res.json(desk.show());
  });

  router.post('/dry-run', smallBody, async (req, res) => {
    const body = parsed(dryRunBody, req, res);
    if (!body) return;
    const result = await desk.dryRun(body.text, body.days);
    if (!result.ok) return refuseInvalid(res, result.problems, 'nothing was run');
    res.json(result.report);
  });

  router.post('/apply', operatorsOnly, smallBody, async (req, res) => {
    const body = parsed(applyBody, req, res);
    if (!body) return;
    const result = await desk.apply(body.text, body.expectedVersion, signedIn(res).username);
    if (result.ok) {
      res.json(result);
      return;
    }
    switch (result.reason) {
      case 'invalid':
        return refuseInvalid(res, result.problems, 'nothing was saved');
      case 'conflict':
        return sendError(res, 409, 'rules_changed',
          'the rules file changed since you opened it (applied by someone else or edited on disk); nothing was saved. Reload, compare, and dry-run again.',
          { currentVersion: result.currentVersion });
      case 'write_failed':
        return sendError(res, 500, 'rules_write_failed', result.message);
    }
  });

  router.get('/history', (_req, res) => {
    res.json({ versions: desk.history() });
  });

  router.get('/history/:name', (req, res) => {
    const kept = desk.kept(req.params['name'] ?? '');
    if (!kept) return sendError(res, 404, 'not_found', 'no kept version of the rules has that name');
    res.json(kept);
  });

  return { name: 'rules', router };
}

/** The console reads JSON bodies up to 1 MB for every section; this one takes far less. */
function smallBody(req: Request, res: Response, next: NextFunction): void {
  if (Number(req.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    sendError(res, 413, 'too_large', `the body is larger than ${MAX_BODY_BYTES / 1024} KB`);
    return;
  }
  next();
}

function parsed<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> | undefined {
  const result = schema.safeParse(req.body);
  if (result.success) return result.data;
  const problems = settingProblems(result.error.issues);
  const message = problems.map(p => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
  sendError(res, 400, 'invalid_body', message);
  return undefined;
}

/** The message names every problem too, for a client that shows only the message. */
function refuseInvalid(res: Response, problems: RulesProblem[], consequence: string): void {
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  const each = problems.map(p => `${p.path || 'the file'}${p.line === undefined ? '' : ` (line ${p.line})`}: ${p.message}`);
  sendError(res, 422, 'rules_invalid', `the proposed rules have ${count} (${consequence}): ${each.join('; ')}`, { problems });
}
