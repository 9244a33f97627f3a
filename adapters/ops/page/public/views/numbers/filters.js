// The filter bar of the dashboard and the case list: a period and one drop-down per dimension,
// and the pieces the activity log's own bar shares with it (the period's fields, one filter's change, Clear filters).
// Choosing applies at once: the hash changes and the view draws again with the new query.
import { CHANNEL, el, namer, word } from './labels.js';

const TEXTS = {
  from: { en: 'From', 'zh-Hans': '开始日期' },
  to: { en: 'To', 'zh-Hans': '结束日期' },
  channel: { en: 'Channel', 'zh-Hans': '渠道' },
  sku: { en: 'Product', 'zh-Hans': '商品' },
  batch: { en: 'Batch', 'zh-Hans': '批次' },
  supplier: { en: 'Supplier', 'zh-Hans': '供应商' },
  reason: { en: 'Reason', 'zh-Hans': '原因' },
  all: { en: 'All', 'zh-Hans': '全部' },
  reset: { en: 'Clear filters', 'zh-Hans': '清除筛选' },
  last: { en: 'Last {n} days', 'zh-Hans': '最近 {n} 天' },
};

/**
 * `period` is the one the server used ({ firstDay, lastDay, zone }), shown when the query has none.
 * `onChange(query)` gets the new URLSearchParams (page left out: a new filter starts at page 1).
 */
export function filterBar(ctx, { query, choices, period, onChange }) {
  const names = namer(ctx, choices);
  const bar = el('form', { className: 'filters', test: 'filters' });
  const change = filterChange(query, onChange);
  const date = key => dateField(ctx, bar, key, { query, period, onChange, test: `filter-${key}` });

  const select = (key, options) => {
    const input = el('select', { test: `filter-${key}`, attrs: { name: key } }, [
      el('option', { text: ctx.t(TEXTS.all), attrs: { value: '' } }),
      ...options.map(([value, label]) => el('option', { text: label, attrs: { value } })),
    ]);
    input.value = query.get(key) ?? '';
    input.addEventListener('change', () => change(key, input.value));
    return el('label', { text: ctx.t(TEXTS[key]) }, [input]);
  };

  const quick = days => {
    const button = el('button', { text: ctx.t(TEXTS.last).replace('{n}', days), test: `period-${days}`, attrs: { type: 'button' } });
    button.addEventListener('click', () => {
      const next = new URLSearchParams(query);
      next.delete('page');
      const last = todayIn(period.zone);
      next.set('from', shiftDay(last, -(days - 1)));
      next.set('to', last);
      onChange(next);
    });
    return button;
  };

  const reset = resetButton(ctx, 'filter-reset', onChange);

  bar.append(
    date('from'),
    date('to'),
    select('channel', choices.channels.map(c => [c, word(ctx, CHANNEL, c)])),
    select('sku', choices.products.map(p => [p.sku, names.product(p.sku)])),
    select('batch', choices.batches.filter(b => !query.get('sku') || b.sku === query.get('sku')).map(b => [b.id, names.batch(b.id)])),
    select('supplier', choices.suppliers.map(s => [s.id, names.supplier(s.id)])),
    select('reason', choices.reasons.map(r => [r.id, names.reason(r.id)])),
    el('div', { className: 'row' }, [quick(14), quick(30), quick(60), reset]),
  );
  bar.addEventListener('submit', event => event.preventDefault());
  return bar;
}

/** `change(key, value)`: the query with that filter set (or dropped when empty) and the page left out, to `onChange`. */
export function filterChange(query, onChange) {
  return (key, value) => {
    const next = new URLSearchParams(query);
    next.delete('page');
    if (value) next.set(key, value);
    else next.delete(key);
    onChange(next);
  };
}

/**
 * The From or To date field of a filter `bar` (`key` 'from' or 'to'), showing the server's `period` when the query has none.
 * A change sends both ends as shown, page left out.
 */
export function dateField(ctx, bar, key, { query, period, onChange, test }) {
  const input = el('input', { test, attrs: { type: 'date', name: key } });
  input.value = query.get(key) ?? (key === 'from' ? period.firstDay : period.lastDay);
  input.addEventListener('change', () => {
    const next = new URLSearchParams(query);
    next.delete('page');
    // The API takes both ends or neither, and a new `to` alone could fall before the default start: fill the other from what is shown.
    next.set('from', bar.querySelector('[name=from]').value);
    next.set('to', bar.querySelector('[name=to]').value);
    if (next.get('from') && next.get('to')) onChange(next);
  });
  return el('label', { text: ctx.t(TEXTS[key]) }, [input]);
}

/** 'Clear filters': `onChange` with an empty query. */
export function resetButton(ctx, test, onChange) {
  const reset = el('button', { className: 'link', text: ctx.t(TEXTS.reset), test, attrs: { type: 'button' } });
  reset.addEventListener('click', () => onChange(new URLSearchParams()));
  return reset;
}

/** Today as the shop counts days: 'YYYY-MM-DD' (the en-CA format is ISO). */
function todayIn(zone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function shiftDay(day, days) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The hash of a view with this query: '#/cases?batch=B1'. */
export function hashOf(view, query) {
  const search = query.toString();
  return `#/${view}${search ? `?${search}` : ''}`;
}
