import type { DeskEvent, Escalation } from './desk.js';
import type { Engine } from './engine.js';
import type { Logger } from './logger.js';
import type { CaseRecord, CaseWrite } from './records.js';
import type { Store } from './store.js';

type Deadline = Extract<DeskEvent, { kind: 'sla' }>['deadline'];
type Notice = `${Deadline}:${'due_soon' | 'breached'}`;

export interface SlaWatchOptions {
  engine: Engine;
  store: Store;
  clock: () => Date;
  logger: Logger;
  /** How long before a deadline the thread is reminded. */
  reminderLeadMs: number;
  intervalMs?: number;
}

/**
 * Watches the time commitments of open hand-overs: first feedback and review. A reminder goes to
 * the desk before each deadline, and a missed one is marked on the case; each notice once.
 */
export class SlaWatch {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SlaWatchOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs ?? 60_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async runOnce(): Promise<void> {
    const { store, logger } = this.options;
    try {
      for (const escalation of await store.openEscalations()) {
        const record = escalation.caseId ? await store.findCase(escalation.caseId) : null;
        if (this.dueNotices(escalation, record).length > 0) await this.record(escalation.id);
      }
    } catch (error) {
      logger.error({ err: error }, 'SLA check failed');
    }
  }

  /** Writes the notices under the conversation's lock, reading the escalation afresh there. */
  private async record(escalationId: string): Promise<void> {
    const { engine, store } = this.options;
    const found = await store.findEscalation(escalationId);
    if (!found) return;
    await engine.act({ conversationId: found.conversationId, channel: found.channel, userId: found.userId }, undefined, async context => {
      const escalation = await store.findEscalation(escalationId);
      const record = escalation?.caseId ? await store.findCase(escalation.caseId) : null;
      const notices = escalation ? this.dueNotices(escalation, record) : [];
      if (!escalation || notices.length === 0) return { changes: null, result: undefined };
      const at = context.now.toISOString();
      const cases: CaseWrite[] = record
        ? notices.filter(notice => notice.endsWith(':breached')).map(notice => ({
          kind: 'transition', caseId: record.id, to: record.status, patch: {},
          event: { caseId: record.id, from: record.status, to: record.status, actor: 'system', note: `SLA breached: ${notice.split(':')[0]}`, at },
        }))
        : [];
      const deskEvents = notices.map(notice => {
        const [deadline, state] = notice.split(':') as [Deadline, 'due_soon' | 'breached'];
        return { escalationId: escalation.id, event: { kind: 'sla', escalationId: escalation.id, deadline, state } satisfies DeskEvent };
      });
      return { changes: { cases, escalations: [{ ...escalation, slaNotices: [...escalation.slaNotices, ...notices] }], deskEvents }, result: undefined };
    }, undefined);
  }

  private dueNotices(escalation: Escalation, record: CaseRecord | null): Notice[] {
    const now = this.options.clock().getTime();
    const pending: [Deadline, string, boolean][] = [
      ['first_response', escalation.firstResponseDue, escalation.firstResponseAt === null],
      ['review', escalation.reviewDue, record?.status === 'awaiting_person'],
    ];
    const notices: Notice[] = [];
    for (const [deadline, due, open] of pending) {
      if (!open) continue;
      const dueAt = Date.parse(due);
      const state = now >= dueAt ? 'breached' : now >= dueAt - this.options.reminderLeadMs ? 'due_soon' : null;
      if (!state) continue;
      const notice: Notice = `${deadline}:${state}`;
      if (!escalation.slaNotices.includes(notice)) notices.push(notice);
    }
    return notices;
  }
}
