import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { Router } from 'express';
import { z } from 'zod';
import type { Alert, AlertStore } from '../../../bot/operations/alert-store.js';
import { sendError } from '../errors.js';
import type { OpsSection } from '../section.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface AlertsSectionOptions {
  alerts: Pick<AlertStore, 'open' | 'between'>;
  clock: () => Date;
  /** The shop's time zone: a bare date in the query is a shop day. */
  zone: () => string;
}

/** When the history is asked for without a period: the last 30 days. */
const DEFAULT_DAYS = 30;
const HISTORY_LIMIT = 1000;

const moment = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be a date (YYYY-MM-DD, a shop day) or an ISO instant (2026-11-20T00:00:00+08:00)',
});
const historyQuery = z.object({ from: moment.optional(), to: moment.optional() });

/**
 * Alerts, read-only: `GET /open` for the console's banner, `GET /?from&to` for the history
 * (every alert open at some time in the period, cleared ones included, newest first; a bare `to`
 * date includes that day).
 */
export function alertsSection(options: AlertsSectionOptions): OpsSection {
  const router = Router();

  router.get('/open', async (_req, res) => {
    // The zone too: the banner shows when an alert was raised as the shop counts time, like every view.
    res.json({ alerts: (await options.alerts.open()).map(openAlert), zone: options.zone() });
  });

  router.get('/', async (req, res) => {
    const parsed = historyQuery.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      sendError(res, 400, 'bad_request', `${issue?.path.join('.') ?? 'query'}: ${issue?.message ?? 'invalid'}`);
      return;
    }
    const zone = options.zone();
    const to = parsed.data.to ? instant(parsed.data.to, zone, 1) : options.clock().toISOString();
    const from = parsed.data.from ? instant(parsed.data.from, zone, 0) : new Date(Date.parse(to) - DEFAULT_DAYS * 86_400_000).toISOString();
    if (Date.parse(from) >= Date.parse(to)) {
      sendError(res, 400, 'bad_request', `from (${from}) must be before to (${to})`);
      return;
    }
    const alerts = await options.alerts.between(from, to, HISTORY_LIMIT);
    res.json({ from, to, alerts: alerts.map(alert => ({ ...openAlert(alert), clearedAt: alert.clearedAt })) });
  });

  return { name: 'alerts', router };
}

function openAlert({ id, key, kind, message, raisedAt, details }: Alert) {
  return { id, key, kind, message, raisedAt, details };
}

/** An ISO instant as it is; a date as the start of that shop day, plus `daysAfter` days. */
function instant(value: string, zone: string, daysAfter: number): string {
  if (value.includes('T')) return new Date(value).toISOString();
  return dayjs.tz(value, zone).add(daysAfter, 'day').toISOString();
}
