import { localDay } from '../../ops/days.js';
import type { Feedback } from '../../ops/metrics.js';
import { TEMPLATES, type TemplateKey } from '../../dialogs/replies/index.js';
import type { Decision, Rules } from '../../policies/types.js';
import type { Escalation } from '../desk.js';
import type { CaseEvent, CaseRecord, Customer, Order, PhotoRecord, Product, StoredMessage } from '../records.js';
import { words, type Words } from './numbers-choices.js';
import { crisisIdOf } from './numbers-cases.js';
import type { Supplier } from './ops-records.js';

/** Everything the case page shows. */
export interface CaseDetail {
  /** The shop's zone, in which the page shows times. */
  zone: string;
  case: CaseRecord & { crisisId: string | null };
  product: Pick<Product, 'sku' | 'category' | 'names'> | null;
  order: { id: string; placedAt: string; deliveredAt: string | null; unitPriceCents: number | null } | null;
  batchId: string | null;
  supplier: Supplier | null;
  /** Only the last 4 digits of the phone: enough to recognise a caller, not to call. */
  customer: { id: string; name: string; tier: Customer['tier']; phone: string } | null;
  timeline: CaseEvent[];
  transcript: { id: number; direction: 'in' | 'out'; text: string; at: string }[];
  photos: (PhotoRecord & { url: string })[];
  decision: Decision & { rules: { id: string; reason: Words | null }[] };
  feedback: Feedback[];
  handovers: Pick<Escalation, 'id' | 'reason' | 'status' | 'agent' | 'createdAt' | 'firstResponseDue' | 'firstResponseAt' | 'reviewDue'>[];
}

export interface CaseDetailInput {
  record: CaseRecord;
  order: Order | null;
  customer: Customer | null;
  supplier: Supplier | null;
  events: CaseEvent[];
  messages: StoredMessage[];
  photos: PhotoRecord[];
  feedback: Feedback[];
  escalations: Escalation[];
  rules: Rules;
}

export function caseDetailOf(input: CaseDetailInput): CaseDetail {
  const { record, order, customer } = input;
  const line = order?.lines.find((l) => l.line === record.line);
  return {
    zone: input.rules.timezone,
    case: { ...record, crisisId: crisisIdOf(record) },
    product: line ? { sku: line.product.sku, category: line.product.category, names: line.product.names } : null,
    order: order ? { id: order.id, placedAt: order.placedAt, deliveredAt: order.deliveredAt, unitPriceCents: line?.unitPriceCents ?? null } : null,
    batchId: line?.batchId ?? null,
    supplier: input.supplier,
    customer: customer ? { id: customer.id, name: customer.name, tier: customer.tier, phone: maskPhone(customer.phone) } : null,
    timeline: input.events,
    transcript: input.messages.map((m) => ({ id: m.id, direction: m.direction, text: m.text, at: m.at })),
    photos: input.photos.map((p) => ({ ...p, url: photoUrl(record.id, p.id) })),
    decision: { ...record.decision, rules: ruleReasons(record.decision, order, input.rules) },
    feedback: input.feedback,
    handovers: input.escalations.map(({ id, reason, status, agent, createdAt, firstResponseDue, firstResponseAt, reviewDue }) => ({
      id, reason, status, agent, createdAt, firstResponseDue, firstResponseAt, reviewDue,
    })),
  };
}

/** Relative to /ops/api, where the numbers section serves a case's photos. */
function photoUrl(caseId: string, photoId: string): string {
  return `cases/${encodeURIComponent(caseId)}/photos/${encodeURIComponent(photoId)}`;
}

function maskPhone(phone: string): string {
  return phone.length <= 4 ? '••••' : `•••• ${phone.slice(-4)}`;
}

/**
 * Each rule that fired, with the plain words the customer was told (templates `rule.<id>`); a rule
 * without words (one added later, such as a crisis preset) shows its id alone. The window's days
 * are today's rules' (the store keeps no old rules).
 */
function ruleReasons(decision: Decision, order: Order | null, rules: Rules): { id: string; reason: Words | null }[] {
  const vars = {
    days: rules.window.days,
    deliveredOn: order?.deliveredAt ? localDay(order.deliveredAt, rules.timezone) : '?',
  };
  return decision.reasons.map((id: string) => {
    const key = `rule.${id}`;
    return { id, reason: key in TEMPLATES.en ? words(key as TemplateKey, vars) : null };
  });
}
