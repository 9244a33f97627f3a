import { money } from '../../dialogs/replies/index.js';
import { localDate } from '../../policies/local-time.js';
import type { ApplyResult, BackofficeActions, BackofficeScope, CaseDetail, LifecycleEvent } from '../backoffice.js';
import type { ActContext, Engine } from '../engine.js';
import type { CaseRecord, CaseStatus, CaseWrite, TimerWrite } from '../records.js';
import type { Store } from '../store.js';
import { closeWithSurvey } from '../case-closing.js';
import { checkPhoto } from '../photo-check.js';
import { canMove } from './transitions.js';

type Step = { changes: { cases: CaseWrite[]; timers?: TimerWrite[] } | null; result: ApplyResult };

export interface LifecycleOptions {
  engine: Engine;
  store: Store;
  /** When a refund is due after the parcel arrived (working days from the calendar). */
  refundDueAt: (parcelReceivedAt: Date) => Date;
}

const DUPLICATE = Symbol('duplicate');

/**
 * Applies what the courier, the warehouse and finance report to a case: each report is a turn of
 * the customer's conversation, checked against the lifecycle, stored with its time and actor, told
 * to the customer in their language, and applied once per event id.
 */
export class LifecycleActions implements BackofficeActions {
  constructor(private readonly options: LifecycleOptions) {}

  async apply(caseId: string, event: LifecycleEvent, actor: BackofficeScope, eventId: string): Promise<ApplyResult> {
    const { engine, store } = this.options;
    const found = await store.findCase(caseId);
    if (!found) return { ok: false, problem: 'not_found', detail: `no case ${caseId}` };
    const ref = { conversationId: found.conversationId, channel: found.channel, userId: found.userId };
    const outcome = await engine.act<ApplyResult | typeof DUPLICATE>(ref, { channel: 'backoffice', messageId: `${actor}:${eventId}` }, async context => {
      const current = (await store.findCase(caseId))!;
      const step = await this.step(current, event, actor, context);
      return { changes: step.changes, result: step.result };
    }, DUPLICATE);
    if (outcome !== DUPLICATE) return outcome;
    return { ok: true, status: (await store.findCase(caseId))!.status, duplicate: true };
  }

  async caseDetail(caseId: string): Promise<(CaseDetail & { case: CaseRecord }) | null> {
    const { store } = this.options;
    const record = await store.findCase(caseId);
    if (!record) return null;
    const timers = await store.pendingTimers(caseId);
    return { case: record, history: await store.caseEvents(caseId), pendingTimers: timers.map(timer => ({ kind: timer.kind, dueAt: timer.dueAt })) };
  }

  private async step(record: CaseRecord, event: LifecycleEvent, actor: BackofficeScope, context: ActContext): Promise<Step> {
    switch (event.kind) {
      case 'parcel':
        return this.parcel(record, event, actor, context);
      case 'inspection':
        return this.inspection(record, event, actor, context);
      case 'refund':
        return this.finish(record, 'refunded', actor, `refund ${money(event.amountCents)} (${event.reference})`, context, () =>
          context.replies.say('notify.refunded', {
            caseId: record.id,
            amount: money(event.amountCents),
            arriveMin: context.rules.timeline.refundArrivalWorkingDays.min,
            arriveMax: context.rules.timeline.refundArrivalWorkingDays.max,
          }));
      case 'replacement':
        return this.finish(record, 'replacement_shipped', actor, `${event.carrier} ${event.trackingNumber}`, context, () =>
          context.replies.say('notify.replacement_shipped', { caseId: record.id, carrier: event.carrier, trackingNumber: event.trackingNumber }));
    }
  }

  private parcel(record: CaseRecord, event: Extract<LifecycleEvent, { kind: 'parcel' }>, actor: BackofficeScope, context: ActContext): Step {
    const note = [event.status, event.trackingNumber, event.note].filter(Boolean).join(' ');
    if (event.status === 'exception') {
      if (record.status !== 'awaiting_parcel' && record.status !== 'parcel_in_transit') return illegal(record, 'parcel_in_transit');
      context.replies.say('notify.courier_exception', { caseId: record.id, note: event.note ?? event.status });
      return moved([transition(record, record.status, actor, `courier exception: ${note}`, context)], record.status);
    }
    const to: CaseStatus = event.status === 'delivered' ? 'parcel_received' : 'parcel_in_transit';
    if (!canMove(record.status, to)) return illegal(record, to);
    if (to === 'parcel_in_transit') return moved([transition(record, to, actor, note, context)], to);
    const timers: TimerWrite[] = [];
    if (record.outcome === 'refund') {
      const due = this.options.refundDueAt(context.now);
      timers.push({ kind: 'refund_due', subject: record.id, dueAt: due.toISOString() });
      context.replies.say('notify.parcel_received_refund', { caseId: record.id, refundBy: localDate(due, context.rules.timezone) });
    } else {
      context.replies.say('notify.parcel_received', { caseId: record.id });
    }
    return { changes: { cases: [transition(record, to, actor, note, context)], timers }, result: { ok: true, status: to, duplicate: false } };
  }

  private async inspection(record: CaseRecord, event: Extract<LifecycleEvent, { kind: 'inspection' }>, actor: BackofficeScope, context: ActContext): Promise<Step> {
    const to: CaseStatus = event.result === 'passed' ? 'inspection_passed' : 'inspection_failed';
    if (!canMove(record.status, to)) return illegal(record, to);
    if (event.result === 'failed' && !event.reason) return { changes: null, result: { ok: false, problem: 'invalid', detail: 'a failed inspection needs its reason' } };
    const photoIds: string[] = [];
    for (const photo of event.photos) {
      const checked = await checkPhoto({ kind: 'image', name: photo.name, data: photo.data }, context.rules.photos.maxBytes);
      if (!checked.ok) return { changes: null, result: { ok: false, problem: 'invalid', detail: `photo ${checked.name}: not an image within the size limit` } };
      await this.options.store.savePhoto({ id: checked.id, mime: checked.mime, bytes: checked.data.length, conversationId: record.conversationId, createdAt: context.now.toISOString() }, checked.data);
      photoIds.push(checked.id);
    }
    const note = [event.result, event.disposition, event.reason, ...photoIds.map(id => `photo:${id}`)].filter(Boolean).join(' ');
    if (event.result === 'passed') context.replies.say('notify.inspection_passed', { caseId: record.id });
    else context.replies.say('notify.inspection_failed', { caseId: record.id, reason: event.reason! });
    return moved([transition(record, to, actor, note, context)], to);
  }

  /** Refund done or replacement shipped: the last step, then the case closes with the survey. */
  private finish(record: CaseRecord, to: 'refunded' | 'replacement_shipped', actor: BackofficeScope, note: string, context: ActContext, tell: () => void): Step {
    if (!canMove(record.status, to)) return illegal(record, to);
    // A replacement only for what the customer chose as one; a refund stays possible (out of stock).
    if (to === 'replacement_shipped' && record.outcome === 'refund') return illegal(record, to);
    tell();
    const done = transition(record, to, actor, note, context);
    const closing = closeWithSurvey(context, { ...record, status: to }, 'system', `${to}, case complete`);
    return moved([done, closing], 'closed');
  }
}

function transition(record: CaseRecord, to: CaseStatus, actor: BackofficeScope, note: string, context: ActContext): CaseWrite {
  const at = context.now.toISOString();
  return { kind: 'transition', caseId: record.id, to, patch: {}, event: { caseId: record.id, from: record.status, to, actor: actor === 'courier' ? 'courier' : actor === 'warehouse' ? 'warehouse' : 'system', note, at } };
}

function moved(cases: CaseWrite[], status: CaseStatus): Step {
  return { changes: { cases }, result: { ok: true, status, duplicate: false } };
}

function illegal(record: CaseRecord, to: CaseStatus): Step {
  return { changes: null, result: { ok: false, problem: 'illegal_transition', detail: `case ${record.id} is ${record.status}; it cannot become ${to}` } };
}
