/**
 * Two months of past cases for the demo shop, so the operations numbers have something to show:
 * a few hundred requests over the demo catalogue by the history's own shoppers (H001…), their
 * orders and deliveries, the steps each case went through, the hand-overs of the cases the rules
 * leave to a person (history-agents.ts), satisfaction answers, and one batch that goes bad: millet batch B-MIL-2611 turns
 * mouldy 12 days before `now` (its return rate goes from ~2 % to ~15 %). Plain data, same for a
 * given `now` and seed; `seed-history.ts` writes it to a store.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { Escalation } from '../../bot/desk.js';
import type { CaseEvent, CaseRecord, Customer, Order, OrderLine, Product } from '../../bot/records.js';
import type { Lang } from '../../bot/messages.js';
import { decide } from '../../policies/decide.js';
import type { CaseFacts, Outcome, Reason, Rules } from '../../policies/types.js';
import type { Feedback } from '../../ops/metrics.js';
import { DEMO_DATA } from './demo-data.js';
import { DEMO_RULES } from './demo-rules.js';
import { handoverEscalation, planHandover } from './history-agents.js';
import { BUYER_WEIGHTS, HISTORY_CUSTOMERS } from './history-customers.js';
import { planLifecycle } from './history-lifecycle.js';
import { seededRandom, type Random } from './random.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const HISTORY_DAYS = 60;
export const BAD_BATCH = 'B-MIL-2611';
/** Units of the bad batch delivered this many shop days before `now`, or later, are mouldy. */
export const BAD_SINCE_DAYS_AGO = 12;
/** History order ids are 7xxxxx: the demo's own orders use 1xxxxx–6xxxxx. */
const FIRST_ORDER_ID = 700001;

const BASE_RATE = { food: 0.02, goods: 0.03 } as const;
const BAD_RATE = 0.15;
const ORDERS_PER_DAY = 60;
const PRICE: Record<string, number> = {
  'MILLET-500': 2580, 'RICE-5KG': 5990, 'MUSHROOM-250': 4500, 'BEANS-1KG': 1800, 'MUG-350': 3900, 'LAMP-LED': 89900, 'KETTLE-17': 19900,
};
/** How often each product is in an order (millet, the shop's staple, most). */
const POPULARITY: [string, number][] = [
  ['MILLET-500', 28], ['RICE-5KG', 16], ['MUSHROOM-250', 14], ['BEANS-1KG', 14], ['MUG-350', 12], ['LAMP-LED', 6], ['KETTLE-17', 8],
];
const REASONS: Record<'food' | 'goods', [Reason, number][]> = {
  food: [['quality', 60], ['transit_damage', 15], ['wrong_item', 10], ['missing_item', 10], ['damage_unclear', 5]],
  goods: [['quality', 25], ['transit_damage', 20], ['not_as_described', 20], ['changed_mind', 25], ['damage_unclear', 5], ['wrong_item', 5]],
};
const DESCRIPTIONS: Record<Reason, string[]> = {
  quality: ['有发霉', '不新鲜,有异味', '有虫', '用了两天就坏了', 'stopped working'],
  transit_damage: ['包装破损', '箱子压坏了', 'box arrived crushed'],
  damage_unclear: ['收到时有裂缝', '外包装完好但里面碎了'],
  wrong_item: ['送错了,不是我买的', 'got a different item'],
  missing_item: ['少了一件', '订单遗漏'],
  not_as_described: ['颜色与预期不符', '和图片不一样', 'colour differs from the picture'],
  changed_mind: ['买错了', '不想要了', 'bought by mistake'],
};
const COMMENTS = ['处理很快,谢谢', '希望能更快退款', '客服很耐心', 'quick and easy', '小米质量要注意', '快递太慢了'];

export interface HistoryConversation {
  id: string;
  channel: 'web' | 'wechat';
  userId: string;
  customerId: string;
  updatedAt: string;
}

export interface DemoHistory {
  /** The history's own shoppers (history-customers.ts), not the demo customers. */
  customers: Customer[];
  orders: Order[];
  conversations: HistoryConversation[];
  cases: CaseRecord[];
  events: CaseEvent[];
  /** One per case that needed a person; `updatedAt` is the row's last change. */
  escalations: { escalation: Escalation; updatedAt: string }[];
  feedback: Feedback[];
}

interface Draft {
  order: Order;
  line: OrderLine;
  customer: Customer;
  quantity: number;
  createdAt: number;
  /** From the mouldy part of the bad batch. */
  bad: boolean;
}

export function demoHistory(now: Date, seed = 42, rules: Rules = DEMO_RULES): DemoHistory {
  const random = seededRandom(seed);
  // Who answers a hand-over and how fast comes from a stream of its own: the cases, drawn from
  // `random`, stay as they were drawn before the history had agents.
  const desk = seededRandom(~seed);
  const zone = rules.timezone;
  const today = dayjs(now).tz(zone).startOf('day');
  const orders: Order[] = [];
  const drafts: Draft[] = [];
  let nextOrderId = FIRST_ORDER_ID;

  for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
    const day = today.subtract(daysAgo, 'day');
    for (let n = random.poisson(ORDERS_PER_DAY); n > 0; n--) {
      const customer = customerById(random.weighted(BUYER_WEIGHTS));
      const deliveredAt = day.add(random.int(9 * 60, 20 * 60), 'minute');
      const order: Order = {
        id: String(nextOrderId++),
        customerId: customer.id,
        phone: customer.phone,
        placedAt: deliveredAt.subtract(random.int(24, 72), 'hour').toISOString(),
        deliveredAt: deliveredAt.toISOString(),
        lines: orderLines(customer, random).map((l, i) => ({ ...l, line: i + 1 })),
      };
      orders.push(order);
      for (const line of order.lines) {
        const bad = line.batchId === BAD_BATCH && daysAgo <= BAD_SINCE_DAYS_AGO;
        const returned = random.binomial(line.quantity, bad ? BAD_RATE : BASE_RATE[line.product.category]);
        // Mould shows within days; other problems mostly within the week, a few after it (refused).
        const lag = bad ? random.logNormal(36, 0.4) : random.next() < 0.05 ? random.int(8 * 24, 12 * 24) : random.logNormal(30, 0.6);
        const createdAt = deliveredAt.valueOf() + lag * 3_600_000;
        if (returned > 0 && createdAt < now.getTime()) drafts.push({ order, line, customer, quantity: returned, createdAt, bad });
      }
    }
  }

  drafts.sort((a, b) => a.createdAt - b.createdAt);
  const numbers = new Map<string, number>();
  const history: DemoHistory = { customers: HISTORY_CUSTOMERS.map((h) => h.customer), orders, conversations: [], cases: [], events: [], escalations: [], feedback: [] };
  drafts.forEach((draft, i) => {
    const day = dayjs(draft.createdAt).tz(zone).format('YYYYMMDD');
    const number = (numbers.get(day) ?? 0) + 1;
    numbers.set(day, number);
    addCase(history, draft, `RB-${day}-${String(number).padStart(4, '0')}`, `hist-${i + 1}`, now, rules, { random, desk });
  });
  return history;
}

function addCase(history: DemoHistory, draft: Draft, id: string, userId: string, now: Date, rules: Rules, { random, desk }: { random: Random; desk: Random }): void {
  const { order, line, customer } = draft;
  const category = line.product.category;
  // Most requests on the bad batch are the mould; a few are the usual other problems.
  const mouldy = draft.bad && random.next() < 0.9;
  const reason: Reason = mouldy ? 'quality' : random.weighted(REASONS[category]);
  const needsCondition = reason === 'changed_mind' || reason === 'not_as_described';
  const facts: CaseFacts = {
    reason,
    customerTier: customer.tier,
    deliveredAt: order.deliveredAt!,
    category,
    sku: line.sku,
    ...(line.batchId ? { batchId: line.batchId } : {}),
    ...(line.supplierId ? { supplierId: line.supplierId } : {}),
    unitPriceCents: line.unitPriceCents,
    quantity: draft.quantity,
    ...(needsCondition ? { condition: { unused: random.next() < 0.85, originalPackaging: random.next() < 0.9 } } : {}),
    photoCount: rules.photos.requiredFor.includes(reason) && random.next() < 0.92 ? random.int(1, 3) : 0,
  };
  const createdAt = new Date(draft.createdAt);
  const decision = decide(facts, rules, createdAt);
  const outcome: Outcome | null = decision.refused ? null : random.next() < 0.6 ? decision.outcomes[0]! : random.pick(decision.outcomes);
  const channel = random.weighted([['wechat', 55], ['web', 45]] as const);
  const conversationId = `${channel}:${userId}`;

  const handover = decision.needsPerson ? planHandover(desk) : null;
  const events: CaseEvent[] = [];
  let at = draft.createdAt;
  let status: CaseRecord['status'] | null = null;
  for (const step of planLifecycle(decision, outcome, handover, rules.timeline, random)) {
    const next = at + step.afterHours * 3_600_000;
    if (next > now.getTime()) break; // the rest has not happened yet: the case is still open
    at = next;
    events.push({ caseId: id, from: status, to: step.to, actor: step.actor, note: step.note, at: new Date(at).toISOString() });
    status = step.to;
  }
  history.events.push(...events);
  if (status === null) throw new Error(`history case ${id} has no first step`);
  const updatedAt = new Date(at).toISOString();
  history.conversations.push({ id: conversationId, channel, userId, customerId: customer.id, updatedAt });
  const record: CaseRecord = {
    id,
    conversationId,
    channel,
    userId,
    lang: langOf(customer.id),
    customerId: customer.id,
    orderId: order.id,
    line: line.line,
    sku: line.sku,
    quantity: draft.quantity,
    reason,
    description: mouldy ? '小米发霉了' : random.pick(DESCRIPTIONS[reason]),
    outcome,
    status,
    decision,
    photoIds: Array.from({ length: facts.photoCount }, () => fakeSha256(random)),
    createdAt: createdAt.toISOString(),
    updatedAt,
  };
  history.cases.push(record);
  if (handover) history.escalations.push(handoverEscalation(record, handover, events, now, rules));
  if (status === 'closed' && random.next() < 0.55) {
    const answeredAt = at + random.logNormal(3, 0.8) * 3_600_000;
    if (answeredAt <= now.getTime()) {
      const unhappy = decision.refused || mouldy;
      const score = unhappy
        ? random.weighted([[1, 25], [2, 25], [3, 25], [4, 15], [5, 10]] as const)
        : random.weighted([[5, 50], [4, 30], [3, 12], [2, 5], [1, 3]] as const);
      const comment = random.next() < 0.3 ? random.pick(COMMENTS) : null;
      history.feedback.push({ caseId: id, score, comment, at: new Date(answeredAt).toISOString() });
    }
  }
}

/** One to three products; wholesale customers buy rice by the sack. */
function orderLines(customer: Customer, random: Random): Omit<OrderLine, 'line'>[] {
  if (customer.tier === 'wholesale') return [lineOf('RICE-5KG', random.int(10, 30), random)];
  const skus = new Set<string>();
  for (let n = random.weighted([[1, 55], [2, 30], [3, 15]] as const); skus.size < n; ) skus.add(random.weighted(POPULARITY));
  return [...skus].map((sku) => {
    const food = productBySku(sku).category === 'food';
    return lineOf(sku, food ? random.weighted([[1, 60], [2, 30], [3, 10]] as const) : 1, random);
  });
}

function lineOf(sku: string, quantity: number, random: Random): Omit<OrderLine, 'line'> {
  const batches = DEMO_DATA.batches.filter((b) => b.sku === sku);
  const batch = random.pick(batches);
  return { sku, quantity, unitPriceCents: PRICE[sku]!, batchId: batch.id, supplierId: batch.supplierId, product: productBySku(sku) };
}

function productBySku(sku: string): Product {
  const product = DEMO_DATA.products.find((p) => p.sku === sku);
  if (!product) throw new Error(`history names unknown product ${sku}`);
  return product;
}

function historyCustomer(id: string): (typeof HISTORY_CUSTOMERS)[number] {
  const shopper = HISTORY_CUSTOMERS.find((h) => h.customer.id === id);
  if (!shopper) throw new Error(`history names unknown customer ${id}`);
  return shopper;
}

const customerById = (id: string): Customer => historyCustomer(id).customer;
const langOf = (id: string): Lang => historyCustomer(id).lang;

/** Photo ids are sha256 names; the demo keeps no files for them (the evidence view shows none). */
function fakeSha256(random: Random): string {
  return Array.from({ length: 64 }, () => random.int(0, 15).toString(16)).join('');
}
