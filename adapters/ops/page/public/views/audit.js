// What operators did (crises, rules, sign-ins, accounts), newest first, page by page, with filters.
import { dateField, filterChange, hashOf, resetButton } from './numbers/filters.js';
import { presetText } from './crises.js';
import { apiQuery, el, fill, when } from './numbers/labels.js';
import { PAGE_SIZE, pageOf, pager, scrollingTable } from './numbers/lists.js';

const TEXTS = {
  title: { en: 'Activity', 'zh-Hans': '操作记录' },
  who: { en: 'Who', 'zh-Hans': '操作人' },
  type: { en: 'Action', 'zh-Hans': '操作' },
  all: { en: 'All', 'zh-Hans': '全部' },
  none: { en: 'Nothing was done in this period with these filters.', 'zh-Hans': '该时段和筛选条件下没有操作记录。' },
  page: { en: 'Page {page}', 'zh-Hans': '第 {page} 页' },
  columns: {
    at: { en: 'When', 'zh-Hans': '时间' },
    who: { en: 'Who', 'zh-Hans': '操作人' },
    what: { en: 'Action', 'zh-Hans': '操作' },
    subject: { en: 'About', 'zh-Hans': '对象' },
    details: { en: 'Details', 'zh-Hans': '详情' },
  },
};

/** Every action the server records (bot/operations/audit-log.ts), in the order of the drop-down. */
const ACTIONS = {
  'crisis.opened': { en: 'Opened a crisis', 'zh-Hans': '开启危机' },
  'crisis.notified': { en: 'Sent crisis notices', 'zh-Hans': '发送危机通知' },
  'crisis.closed': { en: 'Closed a crisis', 'zh-Hans': '关闭危机' },
  'rules.applied': { en: 'Applied rules', 'zh-Hans': '应用规则' },
  'session.signed_in': { en: 'Signed in', 'zh-Hans': '登录' },
  'session.sign_in_failed': { en: 'Sign-in failed', 'zh-Hans': '登录失败' },
  'session.locked_out': { en: 'Locked out', 'zh-Hans': '账号被锁定' },
  'session.signed_out': { en: 'Signed out', 'zh-Hans': '退出' },
  'account.created': { en: 'Account created', 'zh-Hans': '创建账号' },
  'account.reset': { en: 'Account reset', 'zh-Hans': '重置账号' },
};

/** The details' keys, named; a key not listed here shows as it is. */
const DETAILS = {
  scope: { en: 'scope', 'zh-Hans': '范围' },
  preset: { en: 'preset', 'zh-Hans': '预设' },
  audience: { en: 'customers', 'zh-Hans': '客户数' },
  queued: { en: 'queued', 'zh-Hans': '已排队' },
  version: { en: 'version', 'zh-Hans': '版本' },
  previousVersion: { en: 'previous version', 'zh-Hans': '原版本' },
  kept: { en: 'previous file kept as', 'zh-Hans': '原文件保存为' },
  role: { en: 'role', 'zh-Hans': '角色' },
  previousRole: { en: 'previous role', 'zh-Hans': '原角色' },
  reason: { en: 'reason', 'zh-Hans': '原因' },
  failures: { en: 'wrong passwords in a row', 'zh-Hans': '连续密码错误次数' },
  lockedUntil: { en: 'locked until', 'zh-Hans': '锁定至' },
  expiresAt: { en: 'session ends', 'zh-Hans': '会话结束' },
};

const REASONS = {
  unknown_username: { en: 'no such account', 'zh-Hans': '账号不存在' },
  wrong_password: { en: 'wrong password', 'zh-Hans': '密码错误' },
  locked: { en: 'account locked', 'zh-Hans': '账号已锁定' },
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

/** 'scope: batch B-MIL-2611 · customers: 12': nested values flattened, instants in the shop's zone. */
function detailText(ctx, details, zone) {
  const value = v => {
    if (v === null || v === undefined) return '–';
    if (typeof v === 'object') return Object.values(v).map(value).join(' ');
    if (typeof v === 'string' && ISO_INSTANT.test(v)) return when(ctx, v, zone);
    if (typeof v === 'string' && REASONS[v]) return ctx.t(REASONS[v]);
    return String(v);
  };
  return Object.entries(details)
    .map(([key, v]) => `${DETAILS[key] ? ctx.t(DETAILS[key]) : key}: ${key === 'preset' && v ? presetText(ctx.t, v) : value(v)}`)
    .join(' · ');
}

function filterBar(ctx, { query, period, onChange }) {
  const bar = el('form', { className: 'filters', test: 'audit-filters' });
  const change = filterChange(query, onChange);
  const field = (key, input) => {
    input.addEventListener('change', () => change(key, input.value.trim()));
    return el('label', { text: ctx.t(TEXTS[key]) }, [input]);
  };

  const date = key => dateField(ctx, bar, key, { query, period, onChange, test: `audit-${key}` });
  const who = el('input', { test: 'audit-who', attrs: { type: 'text', name: 'who', autocomplete: 'off', maxlength: '64' } });
  who.value = query.get('who') ?? '';
  const type = el('select', { test: 'audit-type', attrs: { name: 'type' } }, [
    el('option', { text: ctx.t(TEXTS.all), attrs: { value: '' } }),
    ...Object.entries(ACTIONS).map(([value, label]) => el('option', { text: ctx.t(label), attrs: { value } })),
  ]);
  type.value = query.get('type') ?? '';
  const reset = resetButton(ctx, 'audit-reset', onChange);

  bar.append(date('from'), date('to'), field('who', who), field('type', type), el('div', { className: 'row' }, [reset]));
  // Enter in the name field applies it, like leaving the field does.
  bar.addEventListener('submit', event => {
    event.preventDefault();
    change('who', who.value.trim());
  });
  return bar;
}

export default {
  name: 'audit',
  title: TEXTS.title,
  async render(container, params, ctx) {
    const query = params.query;
    const page = pageOf(query);
    const data = await ctx.api(`/audit?${apiQuery(query, { page, pageSize: PAGE_SIZE })}`);
    const zone = data.period.zone;
    const go = next => ctx.navigate(hashOf('audit', next));

    container.append(el('h1', { text: ctx.t(TEXTS.title) }), filterBar(ctx, { query, period: data.period, onChange: go }));
    const card = el('div', { className: 'card' });
    container.append(card);
    if (data.entries.length === 0 && page === 1) {
      card.append(el('p', { className: 'empty-state', text: ctx.t(TEXTS.none), test: 'audit-empty' }));
      return;
    }

    const c = TEXTS.columns;
    const rows = data.entries.map(entry => {
      const tr = el('tr', { test: 'audit-row' }, [
        el('td', { text: when(ctx, entry.at, zone), attrs: { style: 'white-space:nowrap' } }),
        el('td', { text: entry.who, test: 'audit-who-cell' }),
        el('td', {}, [el('span', { className: 'badge', text: ACTIONS[entry.what] ? ctx.t(ACTIONS[entry.what]) : entry.what })]),
        el('td', { text: entry.subject, test: 'audit-subject' }),
        el('td', { className: 'muted', text: detailText(ctx, entry.details, zone), test: 'audit-details' }),
      ]);
      tr.dataset.action = entry.what;
      return tr;
    });
    card.append(
      scrollingTable('audit-table', [c.at, c.who, c.what, c.subject, c.details].map(h => el('th', { text: ctx.t(h) })), rows),
      pager(ctx, { query, page, label: fill(ctx.t(TEXTS.page), { page }), hasPrevious: page > 1, hasNext: data.hasMore, go }),
    );
  },
};
