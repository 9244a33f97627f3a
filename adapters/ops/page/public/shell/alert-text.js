// Alerts in the console's language. The server's message is written for the log (English); the
// details carry the numbers, so the banner can say the same thing in Chinese and link to it.
import { t } from '/ops/lang.js';

const KIND = {
  batch: { en: 'Batch', 'zh-Hans': '批次' },
  product: { en: 'Product', 'zh-Hans': '商品' },
  supplier: { en: 'Supplier', 'zh-Hans': '供应商' },
  step: { en: 'Step', 'zh-Hans': '环节' },
};
const RATE = {
  en: '{kind} {subject}: {observed} units asked back in the last {days} days where its usual rate predicts {expected}; high since {since}.',
  'zh-Hans': '{kind} {subject}：近 {days} 天退换 {observed} 件，按其平常退货率预计 {expected} 件；自 {since} 起偏高。',
};
const STEP = {
  en: '{kind} "{subject}": {observed} h at the median over the last {days} days, against a usual {expected} h; slow since {since}.',
  'zh-Hans': '{kind}“{subject}”：近 {days} 天中位用时 {observed} 小时，平常为 {expected} 小时；自 {since} 起变慢。',
};
/** The dashboard filter that shows what an alert is about. */
const FILTER = { batch: 'batch', product: 'sku', supplier: 'supplier' };

const rounded = value => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** One sentence for the banner; the server's own message when an alert carries no details. */
export function alertText(alert) {
  const details = alert.details;
  const kind = KIND[alert.kind];
  if (!details || !kind) return alert.message;
  const values = {
    kind: t(kind),
    subject: details.subject,
    observed: rounded(details.observed),
    expected: rounded(details.expected),
    days: details.windowDays,
    since: details.since,
  };
  return t(alert.kind === 'step' ? STEP : RATE).replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

/** The dashboard filtered to the alert's batch, product or supplier; null for a step. */
export function alertLink(alert) {
  const filter = FILTER[alert.kind];
  return filter && alert.details ? `#/dashboard?${new URLSearchParams({ [filter]: alert.details.subject })}` : null;
}
