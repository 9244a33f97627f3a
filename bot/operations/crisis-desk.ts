import { randomBytes } from 'node:crypto';
import type { CrisisScope } from '../../policies/types.js';
import { settingProblems, type SettingProblem } from '../../policies/zod-problems.js';
import type { Logger } from '../logger.js';
import type { AuditLog } from './audit-log.js';
import { crisisScopeSchema, openCrisisSchema } from './crisis-input.js';
import type { CrisisRecord, CrisisStore, CrisisTally } from './crisis-store.js';
import type { OpenCrises } from './open-crises.js';
import type { SignedInOperator } from './operators.js';

export interface CrisisDeskOptions {
  store: CrisisStore;
  /** What the engine reads at every turn; replaced whenever a crisis opens or closes. */
  openCrises: OpenCrises;
  /** Told when notices were queued, so they leave without waiting for its next round. */
  notifier: { kick(): void };
  clock: () => Date;
  logger: Logger;
  audit: AuditLog;
}

/** Why the desk did nothing; `fields` names every bad field of an invalid request. */
export type CrisisRefusal =
  | { ok: false; problem: 'invalid'; message: string; fields: SettingProblem[] }
  | { ok: false; problem: 'unknown_scope' | 'already_open' | 'not_found' | 'closed'; message: string };

/** A crisis as the console lists it: what it did so far and, while open, whom a notice would reach. */
export interface CrisisSummary extends CrisisRecord {
  open: boolean;
  progress: CrisisTally;
  /** Customers a notice would reach now; null once closed. */
  audience: number | null;
}

/**
 * Where operators run crises: open one for a batch, product or supplier with a preset and a
 * notice, see its progress, notify the customers who bought within it, close it. Every change is
 * logged and put in the audit trail with the operator who made it, and the engine's view of the
 * open crises follows at once.
 */
export class CrisisDesk {
  constructor(private readonly options: CrisisDeskOptions) {}

  /** Reads the open crises into the engine's view; call once at start. */
  async load(): Promise<void> {
    await this.options.openCrises.reload(this.options.store);
  }

  async list(): Promise<CrisisSummary[]> {
    const { store } = this.options;
    const crises = await store.list();
    return Promise.all(crises.map(async crisis => {
      const open = crisis.closedAt === null;
      return { ...crisis, open, progress: await store.tally(crisis.id), audience: open ? (await store.audience(crisis.scope)).length : null };
    }));
  }

  /** How many customers a crisis of this scope would notify, before it is opened. */
  async audienceOf(input: unknown): Promise<{ ok: true; scope: CrisisScope; count: number } | CrisisRefusal> {
    const { store } = this.options;
    const parsed = crisisScopeSchema.safeParse(input);
    if (!parsed.success) return invalid(settingProblems(parsed.error.issues));
    const scope = parsed.data;
    if (!(await store.scopeExists(scope))) return unknownScope(scope, '');
    return { ok: true, scope, count: (await store.audience(scope)).length };
  }

  async open(input: unknown, by: SignedInOperator): Promise<{ ok: true; crisis: CrisisRecord } | CrisisRefusal> {
    const { store, clock, logger, audit } = this.options;
    const parsed = openCrisisSchema.safeParse(input);
    if (!parsed.success) return invalid(settingProblems(parsed.error.issues));
    const { scope, preset, notice } = parsed.data;
    if (!(await store.scopeExists(scope))) return unknownScope(scope, 'scope.');
    const now = clock();
    const crisis: CrisisRecord = { id: newCrisisId(now), scope, preset, notice, openedBy: by.username, openedAt: now.toISOString(), closedBy: null, closedAt: null };
    if (!(await store.insert(crisis))) {
      return { ok: false, problem: 'already_open', message: `${scope.kind} ${scope.value} already has an open crisis; close it first` };
    }
    await this.load();
    logger.info({ crisisId: crisis.id, scope, preset, by: by.username }, 'crisis opened');
    await audit.record({ who: by.username, what: 'crisis.opened', subject: crisis.id, details: { scope, preset }, at: crisis.openedAt });
    return { ok: true, crisis };
  }

  async close(id: string, by: SignedInOperator): Promise<{ ok: true; crisis: CrisisRecord } | CrisisRefusal> {
    const { store, clock, logger, audit } = this.options;
    const found = await this.openCrisis(id);
    if (!found.ok) return found;
    const at = clock().toISOString();
    if (!(await store.close(id, by.username, at))) return closed(id);
    await this.load();
    logger.info({ crisisId: id, scope: found.crisis.scope, by: by.username }, 'crisis closed');
    await audit.record({ who: by.username, what: 'crisis.closed', subject: id, details: { scope: found.crisis.scope }, at });
    return { ok: true, crisis: (await store.find(id))! };
  }

  /**
   * Queues the notice for every customer of the crisis's audience; customers already queued are
   * not queued again, so sending twice reaches nobody twice.
   */
  async notify(id: string, by: SignedInOperator): Promise<{ ok: true; audience: number; queued: number } | CrisisRefusal> {
    const { store, clock, logger, notifier, audit } = this.options;
    const found = await this.openCrisis(id);
    if (!found.ok) return found;
    const audience = await store.audience(found.crisis.scope);
    const at = clock().toISOString();
    const queued = await store.queueNotices(id, audience.map(recipient => recipient.conversationId), at);
    logger.info({ crisisId: id, audience: audience.length, queued, by: by.username }, 'crisis notices queued');
    await audit.record({ who: by.username, what: 'crisis.notified', subject: id, details: { audience: audience.length, queued }, at });
    if (queued > 0) notifier.kick();
    return { ok: true, audience: audience.length, queued };
  }

  private async openCrisis(id: string): Promise<{ ok: true; crisis: CrisisRecord } | CrisisRefusal> {
    const crisis = await this.options.store.find(id);
    if (!crisis) return { ok: false, problem: 'not_found', message: `no crisis ${id}` };
    if (crisis.closedAt !== null) return closed(id);
    return { ok: true, crisis };
  }
}

/** CR-20261120-3fa9c1: the day it opened (UTC) and a random part, so two crises never share an id. */
function newCrisisId(now: Date): string {
  return `CR-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
}

function invalid(fields: SettingProblem[]): CrisisRefusal {
  return { ok: false, problem: 'invalid', message: fields.map(p => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; '), fields };
}

function unknownScope(scope: CrisisScope, prefix: string): CrisisRefusal {
  const what = { batch: 'batch', product: 'product (sku)', supplier: 'supplier' }[scope.kind];
  return { ok: false, problem: 'unknown_scope', message: `${prefix}value: no ${what} "${scope.value}" is known` };
}

function closed(id: string): CrisisRefusal {
  return { ok: false, problem: 'closed', message: `crisis ${id} is closed already` };
}
