import { lineOf } from '../../ops/metrics.js';
import { localDateTime } from '../../policies/local-time.js';
import type { Lang } from '../messages.js';
import type { CaseRecord, Customer, Order } from '../records.js';
import { csv, type CsvCell } from './csv.js';
import type { NumbersChoices } from './numbers-choices.js';
import { refundOf } from './numbers-dashboard.js';
import type { ShownPeriod } from './numbers-filter.js';

/** One line of the case list. */
export interface CaseRow {
  id: string;
  createdAt: string;
  channel: string;
  customerId: string;
  customerName: string | null;
  orderId: string;
  sku: string;
  quantity: number;
  batchId: string | null;
  supplierId: string | null;
  reason: string;
  status: string;
  outcome: string | null;
  /** Granted refund (goods' value less fees); null unless the outcome is a refund. */
  refundCents: number | null;
  /** The crisis whose preset decided the case, when one did. */
  crisisId: string | null;
}

export interface CasePage {
  rows: CaseRow[];
  total: number;
  page: number;
  pageSize: number;
  /** The period listed; times are shown in its zone, the shop's. */
  period: ShownPeriod;
  /** For the filter drop-downs and the product and reason names. */
  choices: NumbersChoices;
}

export function crisisIdOf(record: CaseRecord): string | null {
  return record.decision.crisisId ?? null;
}

export function caseRow(record: CaseRecord, ordersById: ReadonlyMap<string, Order>, customersById: ReadonlyMap<string, Customer>): CaseRow {
  const line = lineOf(record, ordersById);
  return {
    id: record.id,
    createdAt: record.createdAt,
    channel: record.channel,
    customerId: record.customerId,
    customerName: customersById.get(record.customerId)?.name ?? null,
    orderId: record.orderId,
    sku: record.sku,
    quantity: record.quantity,
    batchId: line?.batchId ?? null,
    supplierId: line?.supplierId ?? null,
    reason: record.reason,
    status: record.status,
    outcome: record.outcome,
    refundCents: refundOf(record),
    crisisId: crisisIdOf(record),
  };
}

const HEADER: Record<'en' | 'zh-Hans', string[]> = {
  'en': ['Case', 'Created', 'Channel', 'Customer', 'Customer name', 'Order', 'SKU', 'Product', 'Quantity', 'Batch', 'Supplier', 'Reason', 'Status', 'Outcome', 'Refund (CNY)', 'Crisis', 'Description'],
  'zh-Hans': ['工单号', '创建时间', '渠道', '客户', '客户姓名', '订单', 'SKU', '商品', '数量', '批次', '供应商', '原因', '状态', '处理方式', '退款(元)', '危机', '描述'],
};

/**
 * The case list as a spreadsheet: times in the shop's zone, product and reason in the operator's
 * language, the customer's own words last (the cell most likely to hold something hostile).
 */
export function casesCsv(
  rows: readonly CaseRow[],
  descriptions: ReadonlyMap<string, string>,
  choices: NumbersChoices,
  zone: string,
  lang: 'en' | 'zh-Hans',
): string {
  const productName = new Map(choices.products.map((p) => [p.sku, p.names[lang as Lang]]));
  const reasonName = new Map(choices.reasons.map((r) => [r.id, r.names[lang]]));
  const cells = rows.map((r): CsvCell[] => [
    r.id,
    localDateTime(r.createdAt, zone),
    r.channel,
    r.customerId,
    r.customerName,
    r.orderId,
    r.sku,
    productName.get(r.sku) ?? r.sku,
    r.quantity,
    r.batchId,
    r.supplierId,
    reasonName.get(r.reason) ?? r.reason,
    r.status,
    r.outcome,
    r.refundCents === null ? null : (r.refundCents / 100).toFixed(2),
    r.crisisId,
    descriptions.get(r.id) ?? '',
  ]);
  return csv(HEADER[lang], cells);
}
