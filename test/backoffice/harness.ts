import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { ApplyResult, BackofficeActions, BackofficeScope, CaseDetail, LifecycleEvent } from '../../bot/backoffice.js';
import type { CaseRecord, CaseStatus } from '../../bot/records.js';
import { hashKey, KeyRing, type KeyEntry } from '../../adapters/backoffice/keys.js';
import type { BackofficeLogger } from '../../adapters/backoffice/refusals.js';
import { backofficeRouter, type BackofficeRouterOptions } from '../../adapters/backoffice/router.js';

export const CASE_ID = 'RB-20261120-0001';

/** Where each event may take a case in this stand-in (the real table is bot/lifecycle's). */
const NEXT: Partial<Record<CaseStatus, CaseStatus[]>> = {
  awaiting_parcel: ['parcel_in_transit', 'parcel_received'],
  parcel_in_transit: ['parcel_in_transit', 'parcel_received'],
  parcel_received: ['inspection_passed', 'inspection_failed'],
  inspection_passed: ['refunded', 'replacement_shipped'],
};

function target(event: LifecycleEvent, from: CaseStatus): CaseStatus {
  switch (event.kind) {
    case 'parcel':
      if (event.status === 'delivered') return 'parcel_received';
      if (event.status === 'exception') return from;
      return 'parcel_in_transit';
    case 'inspection':
      return event.result === 'passed' ? 'inspection_passed' : 'inspection_failed';
    case 'refund':
      return 'refunded';
    case 'replacement':
      return 'replacement_shipped';
  }
}

export interface AppliedEvent {
  caseId: string;
  event: LifecycleEvent;
  actor: BackofficeScope;
  eventId: string;
}

/**
 * The engine's stand-in: knows a few cases, moves them by a small state machine, applies each
 * event id once. Applying takes a turn of the event loop, as a store write would.
 */
export class MemoryActions implements BackofficeActions {
  readonly applied: AppliedEvent[] = [];
  calls = 0;
  private readonly cases = new Map<string, CaseStatus>();
  private readonly seen = new Set<string>();

  constructor(cases: Record<string, CaseStatus> = { [CASE_ID]: 'awaiting_parcel' }) {
    for (const [id, status] of Object.entries(cases)) this.cases.set(id, status);
  }

  status(caseId: string): CaseStatus | undefined {
    return this.cases.get(caseId);
  }

  async apply(caseId: string, event: LifecycleEvent, actor: BackofficeScope, eventId: string): Promise<ApplyResult> {
    this.calls++;
    await new Promise(resolve => setImmediate(resolve));
    const from = this.cases.get(caseId);
    if (!from) return { ok: false, problem: 'not_found', detail: `no case ${caseId}` };
    if (this.seen.has(eventId)) return { ok: true, status: from, duplicate: true };
    const to = target(event, from);
    const moves = event.kind === 'parcel' && event.status === 'exception' ? to === 'awaiting_parcel' || to === 'parcel_in_transit' : (NEXT[from] ?? []).includes(to);
    if (!moves) return { ok: false, problem: 'illegal_transition', detail: `${from} → ${to}` };
    if (event.kind === 'refund' && event.amountCents > 1_000_000) return { ok: false, problem: 'invalid', detail: 'more than the order was worth' };
    this.seen.add(eventId);
    this.cases.set(caseId, to);
    this.applied.push({ caseId, event, actor, eventId });
    return { ok: true, status: to, duplicate: false };
  }

  async caseDetail(caseId: string): Promise<(CaseDetail & { case: CaseRecord }) | null> {
    const status = this.cases.get(caseId);
    if (!status) return null;
    const record = {
      id: caseId, status, orderId: '123456', line: 1, sku: 'MILLET-500', quantity: 1, reason: 'quality', outcome: 'refund',
      customerId: 'C001', userId: 'shopper', conversationId: 'web:shopper', description: 'mouldy', photoIds: [],
      decision: { returnRequired: true }, createdAt: '2026-11-20T02:00:00.000Z', updatedAt: '2026-11-20T02:00:00.000Z',
    } as unknown as CaseRecord;
    return { case: record, history: [{ caseId, from: null, to: 'approved', actor: 'bot', note: '', at: record.createdAt }], pendingTimers: [] };
  }
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message?: string;
}

export class RecordingLogger implements BackofficeLogger {
  readonly lines: LogLine[] = [];
  info(fields: object, message?: string): void {
    this.lines.push({ level: 'info', fields: fields as Record<string, unknown>, message });
  }
  warn(fields: object, message?: string): void {
    this.lines.push({ level: 'warn', fields: fields as Record<string, unknown>, message });
  }
  error(fields: object, message?: string): void {
    this.lines.push({ level: 'error', fields: fields as Record<string, unknown>, message });
  }
  refusals(): LogLine[] {
    return this.lines.filter(line => line.level !== 'info');
  }
}

/** One key per scope, as the keys file would hold them. */
export const KEYS = { courier: 'rbk_test-courier-key', warehouse: 'rbk_test-warehouse-key', operations: 'rbk_test-operations-key' } as const;

export function testKeyRing(): KeyRing {
  const entries: KeyEntry[] = (Object.keys(KEYS) as (keyof typeof KEYS)[]).map(scope => ({
    id: `${scope}-test`,
    scope,
    sha256: hashKey(KEYS[scope]),
    createdAt: '2026-11-20T00:00:00.000Z',
  }));
  return KeyRing.fromEntries(entries);
}

export interface Harness {
  base: string;
  actions: MemoryActions;
  logger: RecordingLogger;
  stop(): Promise<void>;
}

/** express on 127.0.0.1:0 with the router at /api/v1, as bot/app.ts mounts it. */
export async function startHarness(options: Partial<BackofficeRouterOptions> & { actions?: MemoryActions } = {}): Promise<Harness> {
  const actions = options.actions ?? new MemoryActions();
  const logger = new RecordingLogger();
  const app = express();
  app.disable('x-powered-by');
  app.use('/api/v1', backofficeRouter({ keys: testKeyRing(), logger, ...options, actions }));
  const server: Server = createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/api/v1`,
    actions,
    logger,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** One request; `body` is sent as JSON unless it is already a string. */
export async function call(base: string, method: string, path: string, options: { key?: string; authorization?: string; body?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}
