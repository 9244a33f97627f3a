// The dashboard: what comes back, from which batch and supplier, how fast each step goes and how
// satisfied customers are, for a period and filters. The batch with the highest return rate is
// named at the top, with one click to its cases: finding a bad batch needs nothing else.
import { filterBar, hashOf } from './numbers/filters.js';
import { CHANNEL, STATUS, apiQuery, el, fill, hours, money, namer, percent, when, word } from './numbers/labels.js';

const TEXTS = {
  title: { en: 'Dashboard', 'zh-Hans': '概览' },
  cases: { en: 'Cases', 'zh-Hans': '工单数' },
  units: { en: 'Units asked back', 'zh-Hans': '退换件数' },
  returnRate: { en: 'Return rate', 'zh-Hans': '退货率' },
  refunds: { en: 'Refunds granted', 'zh-Hans': '退款金额' },
  open: { en: 'Still open', 'zh-Hans': '未结案' },
  sla: { en: 'SLA breaches', 'zh-Hans': '超时次数' },
  satisfaction: { en: 'Satisfaction', 'zh-Hans': '满意度' },
  answered: { en: '{n} answers', 'zh-Hans': '{n} 条评价' },
  ofDelivered: { en: '{returned} of {delivered} units delivered', 'zh-Hans': '已签收 {delivered} 件中退换 {returned} 件' },
  worst: { en: 'Highest return rate', 'zh-Hans': '退货率最高的批次' },
  openCrisis: { en: 'Open a crisis for this batch…', 'zh-Hans': '为该批次启动危机处理…' },
  worstLine: {
    en: '{batch} from {supplier}: {rate} of the units delivered in this period were asked back ({returned} of {delivered}); the other batches average {others}.',
    'zh-Hans': '{batch}(供应商:{supplier}):本期签收的商品中有 {rate} 被申请退换({delivered} 件中 {returned} 件);其他批次平均 {others}。',
  },
  showCases: { en: 'Show its cases', 'zh-Hans': '查看相关工单' },
  filterBatch: { en: 'Filter the dashboard by this batch', 'zh-Hans': '按此批次筛选' },
  rateChart: { en: 'Return rate per batch (units returned / units delivered)', 'zh-Hans': '各批次退货率(退换件数 / 签收件数)' },
  rateHint: { en: 'Click a bar to filter by its batch.', 'zh-Hans': '点击柱条可按该批次筛选。' },
  trend: { en: 'Cases per day', 'zh-Hans': '每日工单数' },
  byReason: { en: 'Cases by reason', 'zh-Hans': '按原因' },
  byProduct: { en: 'Cases by product', 'zh-Hans': '按商品' },
  byBatch: { en: 'Cases by batch', 'zh-Hans': '按批次' },
  bySupplier: { en: 'Cases by supplier', 'zh-Hans': '按供应商' },
  byChannel: { en: 'Cases by channel', 'zh-Hans': '按渠道' },
  steps: { en: 'Time per step (hours)', 'zh-Hans': '各环节耗时(小时)' },
  median: { en: 'Median', 'zh-Hans': '中位数' },
  p90: { en: '90th percentile', 'zh-Hans': '90 分位' },
  distribution: { en: 'Satisfaction answers', 'zh-Hans': '满意度分布' },
  stars: { en: '{n} ★', 'zh-Hans': '{n} 星' },
  agents: { en: 'Agents', 'zh-Hans': '客服人员' },
  noAgents: { en: 'No case went to an agent in this period.', 'zh-Hans': '本期没有转人工的工单。' },
  agent: { en: 'Agent', 'zh-Hans': '客服' },
  agentCases: { en: 'Cases', 'zh-Hans': '工单' },
  firstAnswer: { en: 'Median first answer', 'zh-Hans': '首次响应中位数' },
  agentSatisfaction: { en: 'Satisfaction', 'zh-Hans': '满意度' },
  comments: { en: 'Latest comments', 'zh-Hans': '最新评价' },
  noComments: { en: 'No comments in this period.', 'zh-Hans': '本期没有评价留言。' },
  breaches: { en: 'Latest SLA breaches', 'zh-Hans': '最近的超时' },
  noBreaches: { en: 'No time commitment was missed.', 'zh-Hans': '没有超时。' },
  deadline: { first_response: { en: 'first answer', 'zh-Hans': '首次响应' }, review: { en: 'review', 'zh-Hans': '审核' } },
  noData: { en: 'No cases in this period with these filters.', 'zh-Hans': '该时段和筛选条件下没有工单。' },
};

const RED = '#dc2626';
const BLUE = '#2563eb';

export default {
  name: 'dashboard',
  title: TEXTS.title,
  async render(container, params, ctx) {
    const query = params.query;
    const data = await ctx.api(`/dashboard?${apiQuery(query)}`);
    const names = namer(ctx, data.choices);
    const go = next => ctx.navigate(hashOf('dashboard', next));
    const byBatch = batch => {
      const next = new URLSearchParams(query);
      next.set('batch', batch);
      go(next);
    };

    container.append(
      el('h1', { text: ctx.t(TEXTS.title) }),
      filterBar(ctx, { query, choices: data.choices, period: data.period, onChange: go }),
    );
    if (data.totals.cases + data.totals.withdrawn === 0 && data.totals.deliveredUnits === 0) {
      container.append(el('div', { className: 'card empty-state', text: ctx.t(TEXTS.noData), test: 'no-data' }));
      return;
    }
    container.append(worstBatch(ctx, data, names, query, byBatch), kpis(ctx, data));

    const charts = [];
    const chartCard = (title, test, height = 300, hint) => {
      const area = el('div', { className: 'chart', test, attrs: { style: `height:${height}px` } });
      const card = el('div', { className: 'card' }, [el('h2', { text: ctx.t(title) }), ...(hint ? [el('p', { className: 'muted', text: ctx.t(hint) })] : []), area]);
      charts.push(area);
      return { card, area };
    };

    const rates = chartCard(TEXTS.rateChart, 'chart-return-rate', Math.max(220, data.returnRates.length * 34 + 60), TEXTS.rateHint);
    const trend = chartCard(TEXTS.trend, 'chart-daily');
    container.append(rates.card, trend.card);
    const dims = [
      ['reason', TEXTS.byReason, names.reason],
      ['product', TEXTS.byProduct, names.product],
      ['batch', TEXTS.byBatch, names.batch],
      ['supplier', TEXTS.bySupplier, names.supplier],
      ['channel', TEXTS.byChannel, key => word(ctx, CHANNEL, key)],
    ].map(([key, title, label]) => ({ key, label, ...chartCard(title, `chart-${key}`, Math.max(200, data.counts[key].length * 30 + 60)) }));
    const steps = chartCard(TEXTS.steps, 'chart-steps', 340);
    // In lifecycle order, as the statuses are listed, rather than in the order the server met them.
    const lifecycle = Object.keys(STATUS);
    const stepRows = [...data.steps].sort((a, b) => lifecycle.indexOf(a.step) - lifecycle.indexOf(b.step));
    const stars = chartCard(TEXTS.distribution, 'chart-satisfaction');
    container.append(el('div', { className: 'grid' }, [...dims.map(d => d.card), steps.card, stars.card]));
    container.append(el('div', { className: 'grid' }, [agentsCard(ctx, data), commentsCard(ctx, data), breachesCard(ctx, data)]));

    // Charts last: ECharts measures its element, which must be in the page by now.
    const rateChart = ctx.chart(rates.area, rateOption(ctx, data, names));
    rateChart.on('click', event => byBatch(event.data.batchId));
    ctx.chart(trend.area, {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: data.daily.map(d => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'line', name: ctx.t(TEXTS.cases), smooth: true, areaStyle: { opacity: 0.15 }, data: data.daily.map(d => d.cases) }],
    });
    for (const dim of dims) {
      const counts = data.counts[dim.key];
      const instance = ctx.chart(dim.area, barOption(counts.map(c => ({ value: c.cases, name: dim.label(c.key), key: c.key })), ctx.t(TEXTS.cases)));
      if (dim.key === 'batch') instance.on('click', event => event.data.key !== '(unknown)' && byBatch(event.data.key));
    }
    ctx.chart(steps.area, {
      tooltip: { trigger: 'axis', valueFormatter: v => hours(v) },
      legend: { top: 0 },
      grid: { left: 140, right: 20, top: 30, bottom: 20 },
      yAxis: { type: 'category', inverse: true, data: stepRows.map(s => word(ctx, STATUS, s.step)) },
      xAxis: { type: 'value' },
      series: [
        { type: 'bar', name: ctx.t(TEXTS.median), data: stepRows.map(s => round(s.medianHours)) },
        { type: 'bar', name: ctx.t(TEXTS.p90), data: stepRows.map(s => round(s.p90Hours)) },
      ],
    });
    ctx.chart(stars.area, {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: [1, 2, 3, 4, 5].map(n => fill(ctx.t(TEXTS.stars), { n })) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: ctx.t(TEXTS.distribution), data: [1, 2, 3, 4, 5].map(n => ({ value: data.satisfaction.distribution[n], itemStyle: { color: n <= 2 ? RED : n === 3 ? '#f59e0b' : '#10b981' } })) }],
    });
  },
};

function round(value) {
  return value === null || Number.isNaN(value) ? null : Math.round(value * 10) / 10;
}

/** The batch with the highest return rate, in words, when it stands out from the rest (twice their average or more). */
function worstBatch(ctx, data, names, query, byBatch) {
  const [top, ...rest] = data.returnRates.filter(r => r.rate !== null);
  if (!top || top.returned === 0) return el('div');
  const othersDelivered = rest.reduce((s, r) => s + r.delivered, 0);
  const others = othersDelivered > 0 ? rest.reduce((s, r) => s + r.returned, 0) / othersDelivered : null;
  const standsOut = others === null || top.rate >= 2 * others;
  const card = el('div', { className: 'card', test: 'top-batch' });
  card.dataset.batch = top.batchId;
  if (standsOut) card.style.borderLeft = `4px solid ${RED}`;
  const rate = el('strong', { text: percent(top.rate), test: 'top-batch-rate' });
  if (standsOut) rate.style.color = RED;
  rate.style.fontSize = '20px';
  const line = fill(ctx.t(TEXTS.worstLine), {
    batch: names.batch(top.batchId),
    supplier: names.supplier(top.supplierId),
    rate: percent(top.rate),
    returned: top.returned,
    delivered: top.delivered,
    others: percent(others),
  });
  const cases = new URLSearchParams(query);
  cases.set('batch', top.batchId);
  cases.delete('page');
  const link = el('a', { text: ctx.t(TEXTS.showCases), test: 'top-batch-cases', attrs: { href: hashOf('cases', cases) } });
  const filter = el('button', { text: ctx.t(TEXTS.filterBatch), test: 'top-batch-filter', attrs: { type: 'button' } });
  filter.addEventListener('click', () => byBatch(top.batchId));
  const actions = query.get('batch') === top.batchId ? [link] : [filter, link];
  // Viewers can see the numbers but not open a crisis: only operators are offered the way there.
  if (ctx.role === 'operator') {
    actions.push(el('a', { text: ctx.t(TEXTS.openCrisis), test: 'top-batch-crisis', attrs: { href: hashOf('crises', new URLSearchParams({ batch: top.batchId })) } }));
  }
  card.append(
    el('div', { className: 'row' }, [el('h2', { text: `${ctx.t(TEXTS.worst)}: ${top.batchId}`, attrs: { style: 'margin:0' } }), rate]),
    el('p', { text: line }),
    el('div', { className: 'row' }, actions),
  );
  return card;
}

function kpis(ctx, data) {
  const { totals, satisfaction } = data;
  const tile = (label, value, test, sub) =>
    el('div', { className: 'card', test: `kpi-${test}` }, [
      el('div', { className: 'muted', text: ctx.t(label) }),
      el('div', { text: value, attrs: { style: 'font-size:26px;font-weight:700' } }),
      ...(sub ? [el('div', { className: 'muted', text: sub })] : []),
    ]);
  const grid = el('div', { className: 'grid', attrs: { style: 'grid-template-columns:repeat(auto-fill,minmax(170px,1fr))' } }, [
    tile(TEXTS.cases, totals.cases, 'cases'),
    tile(TEXTS.units, totals.units, 'units'),
    tile(TEXTS.returnRate, percent(totals.returnRate), 'return-rate', fill(ctx.t(TEXTS.ofDelivered), { returned: totals.returnedUnits, delivered: totals.deliveredUnits })),
    tile(TEXTS.refunds, money(totals.refundCents), 'refunds'),
    tile(TEXTS.open, totals.open, 'open'),
    tile(TEXTS.sla, totals.slaBreaches, 'sla'),
    tile(TEXTS.satisfaction, satisfaction.average === null ? '–' : `${satisfaction.average.toFixed(2)} / 5`, 'satisfaction', fill(ctx.t(TEXTS.answered), { n: satisfaction.answered })),
  ]);
  return grid;
}

/** Return rate per batch, highest on top; a batch twice the overall rate or more in red. */
function rateOption(ctx, data, names) {
  const overall = data.totals.returnRate ?? 0;
  const rows = data.returnRates.filter(r => r.rate !== null);
  return {
    tooltip: {
      trigger: 'item',
      formatter: p => `${p.name}<br>${percent(p.data.value)} (${p.data.returned} / ${p.data.delivered})`,
    },
    grid: { left: 230, right: 70, top: 10, bottom: 30 },
    yAxis: { type: 'category', inverse: true, data: rows.map(r => names.batch(r.batchId)), axisLabel: { width: 220, overflow: 'truncate' } },
    xAxis: { type: 'value', axisLabel: { formatter: v => percent(v, 0) } },
    series: [{
      type: 'bar',
      name: ctx.t(TEXTS.returnRate),
      cursor: 'pointer',
      label: { show: true, position: 'right', formatter: p => percent(p.data.value) },
      data: rows.map(r => ({
        value: r.rate,
        batchId: r.batchId,
        returned: r.returned,
        delivered: r.delivered,
        itemStyle: { color: overall > 0 && r.rate >= 2 * overall ? RED : BLUE },
      })),
    }],
  };
}

function barOption(items, seriesName) {
  return {
    tooltip: { trigger: 'item' },
    grid: { left: 170, right: 40, top: 10, bottom: 20 },
    yAxis: { type: 'category', inverse: true, data: items.map(i => i.name), axisLabel: { width: 160, overflow: 'truncate' } },
    xAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: seriesName, label: { show: true, position: 'right' }, data: items }],
  };
}

function table(ctx, headers, rows, test) {
  return el('table', { className: 'data', test }, [
    el('thead', {}, [el('tr', {}, headers.map(([text, num]) => el('th', { text: ctx.t(text), className: num ? 'num' : '' })))]),
    el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(([text, num]) => el('td', { text, className: num ? 'num' : '' }))))),
  ]);
}

function agentsCard(ctx, data) {
  const card = el('div', { className: 'card', test: 'agents' }, [el('h2', { text: ctx.t(TEXTS.agents) })]);
  if (data.agents.length === 0) card.append(el('p', { className: 'muted', text: ctx.t(TEXTS.noAgents) }));
  else {
    card.append(table(ctx, [[TEXTS.agent], [TEXTS.agentCases, true], [TEXTS.firstAnswer, true], [TEXTS.agentSatisfaction, true]], data.agents.map(a => [
      [a.name],
      [a.cases, true],
      [hours(a.medianFirstResponseHours), true],
      [a.averageSatisfaction === null ? '–' : `${a.averageSatisfaction.toFixed(2)} (${a.answered})`, true],
    ])));
  }
  return card;
}

function commentsCard(ctx, data) {
  const card = el('div', { className: 'card', test: 'comments' }, [el('h2', { text: ctx.t(TEXTS.comments) })]);
  const comments = data.satisfaction.comments;
  if (comments.length === 0) card.append(el('p', { className: 'muted', text: ctx.t(TEXTS.noComments) }));
  for (const c of comments) {
    card.append(el('p', {}, [
      el('span', { className: 'badge', text: '★'.repeat(c.score) }),
      ' ',
      el('span', { text: c.comment }),
      ' ',
      el('a', { className: 'muted', text: c.caseId, attrs: { href: `#/case/${encodeURIComponent(c.caseId)}` } }),
    ]));
  }
  return card;
}

function breachesCard(ctx, data) {
  const card = el('div', { className: 'card', test: 'sla-breaches' }, [el('h2', { text: `${ctx.t(TEXTS.breaches)} (${data.sla.total})` })]);
  if (data.sla.total === 0) card.append(el('p', { className: 'muted', text: ctx.t(TEXTS.noBreaches) }));
  for (const b of data.sla.latest) {
    const deadline = TEXTS.deadline[b.deadline] ? ctx.t(TEXTS.deadline[b.deadline]) : b.deadline;
    card.append(el('p', {}, [
      el('a', { text: b.caseId, attrs: { href: `#/case/${encodeURIComponent(b.caseId)}` } }),
      ` · ${deadline} · `,
      el('span', { className: 'muted', text: when(ctx, b.at, data.period.zone) }),
    ]));
  }
  return card;
}
