import type { Rules } from '../../policies/types.js';
import type { CaseRecord, Order } from '../records.js';
import type { Store } from '../store.js';
import { caseDetailOf, type CaseDetail } from './case-detail.js';
import { numbersChoices, type NumbersChoices } from './numbers-choices.js';
import { caseRow, casesCsv, type CasePage } from './numbers-cases.js';
import { dashboardOf, type Dashboard } from './numbers-dashboard.js';
import { caseMatches, lineMatches, periodOf, shownPeriod, type NumbersFilter, type Period } from './numbers-filter.js';
import type { OperationsRecords } from './ops-records.js';

export interface NumbersDeps {
  records: OperationsRecords;
  store: Store;
  /** The rules in force: the shop's zone and the words of the rules' reasons. */
  rules: () => Rules;
  clock: () => Date;
}

/** A case's conversation can be long; the page shows its latest messages. */
const TRANSCRIPT_LIMIT = 500;

/**
 * The console's numbers (returns-domain.md, "Operations"): the dashboard, the case list and its
 * CSV, and one case in full. Loads whole periods through OperationsRecords and leaves the
 * arithmetic to the pure ops/ functions.
 */
export class Numbers {
  constructor(private readonly deps: NumbersDeps) {}

  async dashboard(filter: NumbersFilter): Promise<Dashboard> {
    const { records } = this.deps;
    const now = this.deps.clock();
    const zone = this.deps.rules().timezone;
    const period = periodOf(filter, now, zone);
    const { all, cases, ordersById } = await this.casesIn(period, filter);
    // The cohort: units delivered in the period, and every request about them so far, even after the period.
    const delivered = (await records.ordersDelivered(period.from, period.to)).map((o) => ({ ...o, lines: o.lines.filter((l) => lineMatches(l, filter)) }));
    const until = new Date(Math.max(Date.parse(period.to), now.getTime())).toISOString();
    const deliveredById = new Map(delivered.map((o) => [o.id, o]));
    const cohortCases = (await records.casesCreated(period.from, until)).filter((c) => deliveredById.has(c.orderId) && caseMatches(c, deliveredById, filter));
    const ids = cases.map((c) => c.id);
    const [events, feedback, escalations] = await Promise.all([records.eventsOfCases(ids), records.feedbackOfCases(ids), records.escalationsOfCases(ids)]);
    return dashboardOf({
      period, zone, now, filter, cases, ordersById, delivered, cohortCases, events, feedback, escalations,
      choices: await this.choices(all),
    });
  }

  async cases(filter: NumbersFilter, page: { page: number; pageSize: number }): Promise<CasePage> {
    const period = this.period(filter);
    const { all, cases, ordersById } = await this.casesIn(period, filter);
    const newest = [...cases].reverse();
    const shown = newest.slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
    const customers = new Map((await this.deps.records.customers([...new Set(shown.map((c) => c.customerId))])).map((c) => [c.id, c]));
    return {
      rows: shown.map((c) => caseRow(c, ordersById, customers)),
      total: cases.length,
      page: page.page,
      pageSize: page.pageSize,
      period: shownPeriod(period, this.deps.rules().timezone),
      choices: await this.choices(all),
    };
  }

  async casesCsv(filter: NumbersFilter, lang: 'en' | 'zh-Hans'): Promise<string> {
    const { all, cases, ordersById } = await this.casesIn(this.period(filter), filter);
    const newest = [...cases].reverse();
    const customers = new Map((await this.deps.records.customers([...new Set(newest.map((c) => c.customerId))])).map((c) => [c.id, c]));
    const rows = newest.map((c) => caseRow(c, ordersById, customers));
    const descriptions = new Map(newest.map((c) => [c.id, c.description]));
    return casesCsv(rows, descriptions, await this.choices(all), this.deps.rules().timezone, lang);
  }

  /** null for an unknown case. */
  async caseDetail(caseId: string): Promise<CaseDetail | null> {
    const { records, store } = this.deps;
    const record = await store.findCase(caseId);
    if (!record) return null;
    const [[order], customer, suppliers, events, messages, photos, feedback, escalations] = await Promise.all([
      records.orders([record.orderId]),
      store.findCustomer(record.customerId),
      records.suppliers(),
      store.caseEvents(record.id),
      store.lastMessages(record.conversationId, TRANSCRIPT_LIMIT),
      store.photos(record.photoIds),
      records.feedbackOfCases([record.id]),
      records.escalationsOfCases([record.id]),
    ]);
    const supplierId = order?.lines.find((l) => l.line === record.line)?.supplierId;
    return caseDetailOf({
      record,
      order: order ?? null,
      customer,
      supplier: suppliers.find((s) => s.id === supplierId) ?? null,
      events,
      messages,
      photos,
      feedback,
      escalations: escalations.filter((e) => e.caseId === null || e.caseId === record.id),
      rules: this.deps.rules(),
    });
  }

  /** A photo of this case only: another case's photo id gets null, like an unknown one. */
  async casePhoto(caseId: string, photoId: string): Promise<{ mime: string; data: Buffer } | null> {
    const record = await this.deps.store.findCase(caseId);
    if (!record?.photoIds.includes(photoId)) return null;
    return this.deps.store.readPhoto(photoId);
  }

  private period(filter: NumbersFilter): Period {
    return periodOf(filter, this.deps.clock(), this.deps.rules().timezone);
  }

  /** The period's cases (all: for the channels offered) and those passing the filters, oldest first, with their orders. */
  private async casesIn(period: Period, filter: NumbersFilter): Promise<{ all: CaseRecord[]; cases: CaseRecord[]; ordersById: Map<string, Order> }> {
    const all = await this.deps.records.casesCreated(period.from, period.to);
    const orders = await this.deps.records.orders([...new Set(all.map((c) => c.orderId))]);
    const ordersById = new Map(orders.map((o) => [o.id, o]));
    return { all, cases: all.filter((c) => caseMatches(c, ordersById, filter)), ordersById };
  }

  private async choices(cases: readonly CaseRecord[]): Promise<NumbersChoices> {
    const { records, store } = this.deps;
    const [products, batches, suppliers] = await Promise.all([store.listProducts(), records.batches(), records.suppliers()]);
    return numbersChoices(products, batches, suppliers, cases);
  }
}
