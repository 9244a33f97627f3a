import { Router, type Response } from 'express';
import type { CrisisDesk, CrisisRefusal } from '../../../bot/operations/crisis-desk.js';
import type { Batch, Supplier } from '../../../bot/operations/ops-records.js';
import type { Product } from '../../../bot/records.js';
import { sendError } from '../errors.js';
import { operatorsOnly, signedIn, type OpsSection } from '../section.js';

export interface CrisesSectionDeps {
  desk: CrisisDesk;
  /** What a crisis can be about, for the console's form. */
  batches(): Promise<Batch[]>;
  products(): Promise<Product[]>;
  suppliers(): Promise<Supplier[]>;
  /** The shop's zone, read at each request: the console shows times in it. */
  zone(): string;
}

const CRISIS_ID = /^[\w-]{1,64}$/;

const STATUS: Record<CrisisRefusal['problem'], { status: number; code: string }> = {
  invalid: { status: 400, code: 'invalid_body' },
  unknown_scope: { status: 400, code: 'unknown_scope' },
  not_found: { status: 404, code: 'not_found' },
  already_open: { status: 409, code: 'crisis_already_open' },
  closed: { status: 409, code: 'crisis_closed' },
};

/**
 * `/ops/api/crises`: the crises with their progress (GET), what they can be about (GET scopes),
 * how many customers a scope's notice would reach (GET audience?kind=&value=), and, for
 * operators only, opening one (POST), notifying its customers (POST :id/notify) and closing it
 * (POST :id/close).
 */
export function crisesSection(deps: CrisesSectionDeps): OpsSection {
  const { desk } = deps;
  const router = Router();

  router.get('/', async (_req, res) => {
    res.json({ crises: await desk.list(), zone: deps.zone() });
  });

  router.get('/scopes', async (_req, res) => {
    const [batches, products, suppliers] = await Promise.all([deps.batches(), deps.products(), deps.suppliers()]);
    res.json({ batches, products: products.map(product => ({ sku: product.sku, names: product.names })), suppliers });
  });

  router.get('/audience', async (req, res) => {
    const result = await desk.audienceOf({ kind: req.query['kind'], value: req.query['value'] });
    if (!result.ok) return refuse(res, result);
    res.json({ scope: result.scope, count: result.count });
  });

  router.post('/', operatorsOnly, async (req, res) => {
    const result = await desk.open(req.body, signedIn(res));
    if (!result.ok) return refuse(res, result);
    res.status(201).json({ crisis: result.crisis });
  });

  router.post('/:id/notify', operatorsOnly, async (req, res) => {
    const id = crisisId(req.params['id'], res);
    if (!id) return;
    const result = await desk.notify(id, signedIn(res));
    if (!result.ok) return refuse(res, result);
    res.json({ audience: result.audience, queued: result.queued });
  });

  router.post('/:id/close', operatorsOnly, async (req, res) => {
    const id = crisisId(req.params['id'], res);
    if (!id) return;
    const result = await desk.close(id, signedIn(res));
    if (!result.ok) return refuse(res, result);
    res.json({ crisis: result.crisis });
  });

  return { name: 'crises', router };
}

function crisisId(raw: unknown, res: Response): string | undefined {
  if (typeof raw === 'string' && CRISIS_ID.test(raw)) return raw;
  sendError(res, 404, 'not_found', 'no such crisis');
  return undefined;
}

function refuse(res: Response, refusal: CrisisRefusal): void {
  const { status, code } = STATUS[refusal.problem];
  sendError(res, status, code, refusal.message, refusal.problem === 'invalid' ? { fields: refusal.fields } : {});
}
