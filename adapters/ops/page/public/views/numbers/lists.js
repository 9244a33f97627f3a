// A long list page by page, shared by the case list and the activity log: the page in the hash query,
// the table that scrolls sideways, and the Previous / Page n / Next row under it.
import { el } from './labels.js';

const TEXTS = {
  previous: { en: 'Previous', 'zh-Hans': '上一页' },
  next: { en: 'Next', 'zh-Hans': '下一页' },
};

/** Rows a page asks the API for. */
export const PAGE_SIZE = 50;

/** The page the query asks for: 1 when it names none or no page at all. */
export function pageOf(query) {
  return Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
}

/** A data table in a box that scrolls sideways: `head` the header cells (th), `rows` the body's rows (tr). */
export function scrollingTable(test, head, rows) {
  return el('div', { attrs: { style: 'overflow-x:auto' } }, [
    el('table', { className: 'data', test }, [
      el('thead', {}, [el('tr', {}, head)]),
      el('tbody', {}, rows),
    ]),
  ]);
}

/**
 * Previous, the page's own label and Next; a button turns to its page with the rest of the query kept.
 * `hasPrevious` / `hasNext` say whether it may; `go(query)` is handed the new URLSearchParams.
 */
export function pager(ctx, { query, page, label, hasPrevious, hasNext, go }) {
  const turn = (to, enabled, text, test) => {
    const button = el('button', { text: ctx.t(text), test, attrs: { type: 'button' } });
    button.disabled = !enabled;
    button.addEventListener('click', () => {
      const next = new URLSearchParams(query);
      next.set('page', String(to));
      go(next);
    });
    return button;
  };
  return el('div', { className: 'row', attrs: { style: 'margin-top:12px' } }, [
    turn(page - 1, hasPrevious, TEXTS.previous, 'page-prev'),
    el('span', { className: 'muted', text: label, test: 'page-number' }),
    turn(page + 1, hasNext, TEXTS.next, 'page-next'),
  ]);
}
