import type { ActionResult, Agent, AgentActions, AgentDecision, Escalation, EscalationView } from '../../bot/desk.js';
import type { CaseRecord, Order, StoredMessage } from '../../bot/records.js';

/** One call the desk made, with its arguments as given. */
export interface ActionCall {
  method: keyof AgentActions;
  args: unknown[];
}

/**
 * A small stand-in for the engine's `AgentActions`: escalations in memory, one owner at a time,
 * idempotent by actionId, every call recorded. The engine itself is not under test here.
 */
export class RecordingActions implements AgentActions {
  readonly calls: ActionCall[] = [];
  readonly views = new Map<string, EscalationView>();
  readonly photos = new Map<string, { mime: string; data: Buffer }>();
  /** Called as a photo is read, e.g. to take Slack down in the middle of an event. */
  beforePhoto: ((photoId: string) => void) | undefined;
  private readonly answered = new Map<string, ActionResult>();
  private waiters: { matches: (c: ActionCall) => boolean; resolve: (c: ActionCall) => void }[] = [];

  add(view: EscalationView): EscalationView {
    this.views.set(view.escalation.id, view);
    return view;
  }

  escalation(id: string): Escalation {
    const view = this.views.get(id);
    if (!view) throw new Error(`no escalation ${id}`);
    return view.escalation;
  }

  callsTo(method: keyof AgentActions): ActionCall[] {
    return this.calls.filter(c => c.method === method);
  }

  /** The first call to `method` (made already or still to come) matching `predicate`. */
  waitFor(method: keyof AgentActions, predicate: (call: ActionCall) => boolean = () => true, timeoutMs = 2000): Promise<ActionCall> {
    const matches = (c: ActionCall) => c.method === method && predicate(c);
    const done = this.calls.find(matches);
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} call within ${timeoutMs} ms; saw ${this.calls.map(c => c.method).join(', ')}`)), timeoutMs);
      this.waiters.push({ matches, resolve: c => { clearTimeout(timer); resolve(c); } });
    });
  }

  private record(method: keyof AgentActions, ...args: unknown[]): void {
    const call = { method, args };
    this.calls.push(call);
    const ready = this.waiters.filter(w => w.matches(call));
    this.waiters = this.waiters.filter(w => !w.matches(call));
    for (const waiter of ready) waiter.resolve(call);
  }

  /** Runs `change` once per actionId; a repeated actionId gets the first answer again. */
  private once(actionId: string, change: () => ActionResult): ActionResult {
    const before = this.answered.get(actionId);
    if (before) return before;
    const result = change();
    this.answered.set(actionId, result);
    return result;
  }

  private owned(id: string, agent: Agent, change: (e: Escalation) => void): ActionResult {
    const view = this.views.get(id);
    if (!view) return { ok: false, problem: 'not_found' };
    const e = view.escalation;
    if (e.status === 'returned' || e.status === 'closed') return { ok: false, problem: 'closed' };
    if (e.status !== 'claimed' || e.agent?.id !== agent.id) return { ok: false, problem: 'not_owner', owner: e.agent };
    change(e);
    return { ok: true };
  }

  async view(escalationId: string): Promise<EscalationView | null> {
    this.record('view', escalationId);
    const view = this.views.get(escalationId);
    return view ? structuredClone(view) : null;
  }

  async findByDeskRef(channel: string, ts: string): Promise<Escalation | null> {
    this.record('findByDeskRef', channel, ts);
    const view = [...this.views.values()].find(v => v.escalation.deskRef?.channel === channel && v.escalation.deskRef.ts === ts);
    return view ? structuredClone(view.escalation) : null;
  }

  async attachDeskRef(escalationId: string, ref: { channel: string; ts: string }): Promise<void> {
    this.record('attachDeskRef', escalationId, ref);
    this.escalation(escalationId).deskRef = ref;
  }

  async claim(escalationId: string, agent: Agent, actionId: string): Promise<ActionResult> {
    this.record('claim', escalationId, agent, actionId);
    return this.once(actionId, () => {
      const view = this.views.get(escalationId);
      if (!view) return { ok: false, problem: 'not_found' };
      const e = view.escalation;
      if (e.status === 'claimed' && e.agent?.id !== agent.id) return { ok: false, problem: 'taken', owner: e.agent };
      if (e.status !== 'waiting' && e.status !== 'claimed') return { ok: false, problem: 'closed' };
      e.status = 'claimed';
      e.agent = agent;
      return { ok: true };
    });
  }

  async reply(escalationId: string, agent: Agent, text: string, actionId: string): Promise<ActionResult> {
    this.record('reply', escalationId, agent, text, actionId);
    return this.once(actionId, () => this.owned(escalationId, agent, () => {}));
  }

  async decide(escalationId: string, agent: Agent, decision: AgentDecision, actionId: string): Promise<ActionResult> {
    this.record('decide', escalationId, agent, decision, actionId);
    return this.once(actionId, () => {
      if (!this.views.get(escalationId)?.case) return this.views.has(escalationId) ? { ok: false, problem: 'no_case' } : { ok: false, problem: 'not_found' };
      return this.owned(escalationId, agent, () => {});
    });
  }

  async handBack(escalationId: string, agent: Agent, actionId: string): Promise<ActionResult> {
    this.record('handBack', escalationId, agent, actionId);
    return this.once(actionId, () => this.owned(escalationId, agent, e => (e.status = 'returned')));
  }

  async close(escalationId: string, agent: Agent, actionId: string): Promise<ActionResult> {
    this.record('close', escalationId, agent, actionId);
    return this.once(actionId, () => this.owned(escalationId, agent, e => (e.status = 'closed')));
  }

  async photo(photoId: string): Promise<{ mime: string; data: Buffer } | null> {
    this.record('photo', photoId);
    this.beforePhoto?.(photoId);
    return this.photos.get(photoId) ?? null;
  }
}

/** A waiting escalation with a case about mouldy millet (order 123456), two photos, a short chat. */
export function milletView(overrides: { id?: string; caseless?: boolean } = {}): EscalationView {
  const id = overrides.id ?? 'esc-1';
  const now = '2026-11-20T02:00:00.000Z';
  const escalation: Escalation = {
    id,
    conversationId: `conv-${id}`,
    channel: 'web',
    userId: 'web-user-1',
    lang: 'zh-Hans',
    caseId: overrides.caseless ? null : 'RB-20261120-0001',
    reason: overrides.caseless ? 'requested' : 'rules',
    status: 'waiting',
    agent: null,
    createdAt: now,
    firstResponseDue: '2026-11-21T02:00:00.000Z',
    reviewDue: '2026-11-22T02:00:00.000Z',
    firstResponseAt: null,
    slaNotices: [],
    deskRef: null,
  };
  const order: Order = {
    id: '123456',
    customerId: 'cust-1',
    phone: '13800005678',
    placedAt: '2026-11-15T02:00:00.000Z',
    deliveredAt: '2026-11-19T02:00:00.000Z',
    lines: [
      {
        line: 1,
        sku: 'MILLET-5KG',
        quantity: 2,
        unitPriceCents: 5990,
        batchId: 'B-2026-11',
        supplierId: 'SUP-1',
        product: { sku: 'MILLET-5KG', category: 'food', names: { 'zh-Hans': '黄小米 5kg', 'zh-Hant': '黃小米 5kg', en: 'Yellow millet 5 kg' }, aliases: ['小米'] },
      },
    ],
  };
  const record: CaseRecord = {
    id: 'RB-20261120-0001',
    conversationId: escalation.conversationId,
    channel: 'web',
    userId: escalation.userId,
    lang: 'zh-Hans',
    customerId: 'cust-1',
    orderId: '123456',
    line: 1,
    sku: 'MILLET-5KG',
    quantity: 1,
    reason: 'quality',
    description: '小米发霉了 <!channel>',
    outcome: null,
    status: 'awaiting_person',
    decision: {
      outcomes: ['refund', 'exchange'],
      refused: false,
      needsPerson: true,
      returnRequired: false,
      returnShippingPaidBy: null,
      fees: [],
      compensation: null,
      refundCents: 5990,
      reasons: ['window.within', 'quality.unconditional', 'limit.above_auto'],
    },
    photoIds: ['photo-a', 'photo-b'],
    createdAt: now,
    updatedAt: now,
  };
  const message = (n: number, direction: 'in' | 'out', text: string): StoredMessage => ({ id: n, conversationId: escalation.conversationId, direction, text, payload: null, at: now });
  return {
    escalation,
    case: overrides.caseless ? null : record,
    order: overrides.caseless ? null : order,
    customer: overrides.caseless ? null : { name: '李女士', tier: 'member' },
    facts: overrides.caseless ? [{ label: 'Problem', value: 'Quality problem' }, { label: 'Item', value: '小米' }] : [],
    photos: overrides.caseless
      ? []
      : [
          { id: 'photo-a', mime: 'image/jpeg', bytes: 4, conversationId: escalation.conversationId, createdAt: now },
          { id: 'photo-b', mime: 'image/png', bytes: 4, conversationId: escalation.conversationId, createdAt: now },
        ],
    transcript: [
      message(1, 'in', '我昨天收到的小米有发霉的,订单号是123456'),
      message(2, 'out', '请发送订单手机号后四位'),
      message(3, 'in', '转人工'),
    ],
  };
}
