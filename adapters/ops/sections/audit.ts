import { Router } from 'express';
import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditLog } from '../../../bot/operations/audit-log.js';
import { defaultPeriod, shownPeriod } from '../../../bot/operations/numbers-filter.js';
import { settingProblems } from '../../../policies/zod-problems.js';
import { sendError } from '../errors.js';
import type { OpsSection } from '../section.js';
import { instant } from './numbers-query.js';

export interface AuditSectionOptions {
  audit: Pick<AuditLog, 'list'>;
  /** The shop's zone, read at each request: a bare date in the query is a shop day. */
  zone: () => string;
  clock: () => Date;
}

function schema(zone: string) {
  return z
    .object({
      from: instant(zone, false).optional(),
      to: instant(zone, true).optional(),
      who: z.string().trim().min(1).max(64).optional(),
      type: z.enum(AUDIT_ACTIONS).optional(),
      page: z.coerce.number().int().min(1).max(100_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    })
    .refine(q => q.from === undefined || q.to === undefined || q.from < q.to, { path: ['to'], message: 'must be after from' });
}

/**
 * `GET /ops/api/audit?from&to&who&type&page&pageSize`: what operators did, newest first, a page
 * at a time; for viewers and operators alike. Without a period, the last 30 shop days; a bare
 * `to` day is included.
 */
export function auditSection(options: AuditSectionOptions): OpsSection {
  const router = Router();

  router.get('/', async (req, res) => {
    const zone = options.zone();
    const parsed = schema(zone).safeParse(req.query);
    if (!parsed.success) {
      const [problem] = settingProblems(parsed.error.issues);
      sendError(res, 400, 'bad_query', `${problem?.field || 'query'}: ${problem?.message ?? 'is not valid'}`);
      return;
    }
    const { who, type, page, pageSize, ...given } = parsed.data;
    const fallback = defaultPeriod(options.clock(), zone);
    const period = { from: given.from ?? fallback.from, to: given.to ?? fallback.to };
    // One more than a page says whether there is a next one, without counting them all.
    const found = await options.audit.list({ ...period, who, what: type, limit: pageSize + 1, offset: (page - 1) * pageSize });
    res.json({ period: shownPeriod(period, zone), page, pageSize, hasMore: found.length > pageSize, entries: found.slice(0, pageSize) });
  });

  return { name: 'audit', router };
}
