// The case list: the dashboard's filters, newest first, page by page, and the same list as CSV.
import { filterBar, hashOf } from './numbers/filters.js';
import { CHANNEL, OUTCOME, STATUS, apiQuery, el, fill, money, namer, when, word } from './numbers/labels.js';
import { PAGE_SIZE, pageOf, pager, scrollingTable } from './numbers/lists.js';

const TEXTS = {
  title: { en: 'Cases', 'zh-Hans': '工单' },
  export: { en: 'Export CSV', 'zh-Hans': '导出 CSV' },
  count: { en: '{total} cases', 'zh-Hans': '共 {total} 个工单' },
  page: { en: 'Page {page} of {pages}', 'zh-Hans': '第 {page} / {pages} 页' },
  none: { en: 'No cases in this period with these filters.', 'zh-Hans': '该时段和筛选条件下没有工单。' },
  columns: {
    id: { en: 'Case', 'zh-Hans': '工单号' },
    created: { en: 'Created', 'zh-Hans': '创建时间' },
    channel: { en: 'Channel', 'zh-Hans': '渠道' },
    customer: { en: 'Customer', 'zh-Hans': '客户' },
    order: { en: 'Order', 'zh-Hans': '订单' },
    product: { en: 'Product', 'zh-Hans': '商品' },
    batch: { en: 'Batch', 'zh-Hans': '批次' },
    supplier: { en: 'Supplier', 'zh-Hans': '供应商' },
    reason: { en: 'Reason', 'zh-Hans': '原因' },
    status: { en: 'Status', 'zh-Hans': '状态' },
    outcome: { en: 'Outcome', 'zh-Hans': '处理方式' },
    refund: { en: 'Refund', 'zh-Hans': '退款' },
    crisis: { en: 'Crisis', 'zh-Hans': '危机' },
  },
};

export default {
  name: 'cases',
  title: TEXTS.title,
  async render(container, params, ctx) {
    const query = params.query;
    const page = pageOf(query);
    const data = await ctx.api(`/cases?${apiQuery(query, { page, pageSize: PAGE_SIZE })}`);
    const names = namer(ctx, data.choices);
    const go = next => ctx.navigate(hashOf('cases', next));

    const filters = new URLSearchParams(query);
    filters.delete('page');
    const csv = el('a', {
      text: ctx.t(TEXTS.export),
      test: 'export-csv',
      attrs: { href: `/ops/api/cases.csv?${apiQuery(filters, { lang: ctx.lang })}`, download: '' },
    });
    container.append(
      el('div', { className: 'row', attrs: { style: 'justify-content:space-between' } }, [el('h1', { text: ctx.t(TEXTS.title) }), csv]),
      filterBar(ctx, { query, choices: data.choices, period: data.period, onChange: go }),
    );

    const card = el('div', { className: 'card' }, [el('p', { className: 'muted', text: fill(ctx.t(TEXTS.count), { total: data.total }), test: 'case-count' })]);
    container.append(card);
    if (data.total === 0) {
      card.append(el('p', { className: 'empty-state', text: ctx.t(TEXTS.none) }));
      return;
    }

    const c = TEXTS.columns;
    const head = [c.id, c.created, c.channel, c.customer, c.order, c.product, c.batch, c.supplier, c.reason, c.status, c.outcome, c.refund, c.crisis];
    const rows = data.rows.map(r => {
      const tr = el('tr', { test: 'case-row', attrs: { tabindex: '0', style: 'cursor:pointer' } }, [
        el('td', { attrs: { style: 'white-space:nowrap' } }, [el('a', { text: r.id, attrs: { href: `#/case/${encodeURIComponent(r.id)}` } })]),
        el('td', { text: when(ctx, r.createdAt, data.period.zone), attrs: { style: 'white-space:nowrap' } }),
        el('td', { text: word(ctx, CHANNEL, r.channel) }),
        el('td', { text: r.customerName ?? r.customerId }),
        el('td', { text: r.orderId }),
        el('td', { text: `${names.product(r.sku)} × ${r.quantity}` }),
        el('td', { text: r.batchId ?? '' }),
        el('td', { text: r.supplierId ? names.supplier(r.supplierId) : '' }),
        el('td', { text: names.reason(r.reason) }),
        el('td', {}, [el('span', { className: 'badge', text: word(ctx, STATUS, r.status) })]),
        el('td', { text: r.outcome ? word(ctx, OUTCOME, r.outcome) : '' }),
        el('td', { className: 'num', text: money(r.refundCents) }),
        el('td', { text: r.crisisId ?? '' }),
      ]);
      tr.dataset.caseId = r.id;
      const open = () => ctx.navigate(`#/case/${encodeURIComponent(r.id)}`);
      tr.addEventListener('click', event => {
        if (!event.target.closest('a')) open();
      });
      tr.addEventListener('keydown', event => {
        if (event.key === 'Enter') open();
      });
      return tr;
    });

    const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
    const exists = to => to >= 1 && to <= pages;
    card.append(
      scrollingTable('cases-table', head.map(h => el('th', { text: ctx.t(h), className: h === c.refund ? 'num' : '' })), rows),
      pager(ctx, { query, page, label: fill(ctx.t(TEXTS.page), { page, pages }), hasPrevious: exists(page - 1), hasNext: exists(page + 1), go }),
    );
  },
};
