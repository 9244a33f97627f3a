// Words and formats shared by the dashboard, the case list and the case page (en and zh-Hans).
// Product and reason names come from the server (the shop's catalogue and the bot's own words).

export const STATUS = {
  awaiting_person: { en: 'Waiting for an agent', 'zh-Hans': '等待人工' },
  approved: { en: 'Approved', 'zh-Hans': '已批准' },
  refused: { en: 'Refused', 'zh-Hans': '已拒绝' },
  awaiting_parcel: { en: 'Waiting for the parcel', 'zh-Hans': '等待寄回' },
  parcel_in_transit: { en: 'Parcel in transit', 'zh-Hans': '退件运输中' },
  parcel_received: { en: 'Parcel received', 'zh-Hans': '已收到退件' },
  inspection_passed: { en: 'Inspection passed', 'zh-Hans': '质检通过' },
  inspection_failed: { en: 'Inspection failed', 'zh-Hans': '质检未通过' },
  refunded: { en: 'Refunded', 'zh-Hans': '已退款' },
  replacement_shipped: { en: 'Replacement shipped', 'zh-Hans': '已补发' },
  closed: { en: 'Closed', 'zh-Hans': '已结案' },
  cancelled: { en: 'Withdrawn', 'zh-Hans': '已撤回' },
};

export const CHANNEL = {
  web: { en: 'Web chat', 'zh-Hans': '网页客服' },
  wechat: { en: 'WeChat', 'zh-Hans': '微信' },
  console: { en: 'Console', 'zh-Hans': '控制台' },
};

export const OUTCOME = {
  refund: { en: 'Refund', 'zh-Hans': '退款' },
  exchange: { en: 'Exchange', 'zh-Hans': '换货' },
  reship: { en: 'Reship', 'zh-Hans': '补发' },
};

export const ACTOR = {
  customer: { en: 'Customer', 'zh-Hans': '顾客' },
  bot: { en: 'Bot', 'zh-Hans': '机器人' },
  agent: { en: 'Agent', 'zh-Hans': '客服' },
  warehouse: { en: 'Warehouse', 'zh-Hans': '仓库' },
  courier: { en: 'Courier', 'zh-Hans': '快递' },
  system: { en: 'System', 'zh-Hans': '系统' },
};

export const TIER = {
  regular: { en: 'Regular', 'zh-Hans': '普通' },
  member: { en: 'Member', 'zh-Hans': '会员' },
  wholesale: { en: 'Wholesale', 'zh-Hans': '批发' },
};

export const UNKNOWN = { en: 'unknown', 'zh-Hans': '未知' };

/** A word from one of the dictionaries above, the raw key when it has none. */
export function word(ctx, dict, key) {
  if (key === null || key === undefined || key === '(unknown)') return ctx.t(UNKNOWN);
  return dict[key] ? ctx.t(dict[key]) : key;
}

/** Names from the server's `choices`: products by sku, reasons, suppliers, batches. */
export function namer(ctx, choices) {
  const lang = ctx.lang;
  const products = new Map(choices.products.map(p => [p.sku, p.names[lang] ?? p.names.en]));
  const reasons = new Map(choices.reasons.map(r => [r.id, r.names[lang] ?? r.names.en]));
  const suppliers = new Map(choices.suppliers.map(s => [s.id, lang === 'en' ? s.nameEn : s.name]));
  const batches = new Map(choices.batches.map(b => [b.id, b]));
  const or = (map, key) => (key === null || key === undefined || key === '(unknown)' ? ctx.t(UNKNOWN) : map.get(key) ?? key);
  return {
    product: sku => or(products, sku),
    reason: id => or(reasons, id),
    supplier: id => or(suppliers, id),
    /** 'B-MIL-2611 · Millet 500g' */
    batch: id => {
      const batch = batches.get(id);
      return batch ? `${id} · ${or(products, batch.sku)}` : or(new Map(), id);
    },
  };
}

/** '{n} cases' with n filled in. */
export function fill(text, vars) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

export function money(cents) {
  return cents === null || cents === undefined ? '' : `¥${(cents / 100).toFixed(2)}`;
}

export function percent(rate, digits = 1) {
  return rate === null || rate === undefined ? '–' : `${(rate * 100).toFixed(digits)}%`;
}

export function hours(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value >= 48 ? `${(value / 24).toFixed(1)} d` : `${value.toFixed(1)} h`;
}

/** A time in the shop's zone, in the operator's language. */
export function when(ctx, iso, zone) {
  return new Date(iso).toLocaleString(ctx.lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });
}

/** document.createElement with a class, text and attributes in one go. */
export function el(tag, { className, text, test, attrs } = {}, children = []) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined && text !== null) element.textContent = String(text);
  if (test) element.dataset.test = test;
  for (const [name, value] of Object.entries(attrs ?? {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** The query string the API takes, from the view's hash query (empty values left out). */
export function apiQuery(query, extra = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of [...query.entries(), ...Object.entries(extra)]) if (value !== '' && value !== null && value !== undefined) params.set(key, String(value));
  return params.toString();
}
