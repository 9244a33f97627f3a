// The hash router: '#/<view>/<path…>?<query>' renders views/<view>.js into the page.
import { disposeCharts } from './charts.js';

export const VIEWS = ['dashboard', 'cases', 'case', 'crises', 'rules', 'audit'];
export const DEFAULT_ROUTE = '#/dashboard';

const TEXTS = {
  notAvailable: { en: 'This part of the console is not available yet.', 'zh-Hans': '该功能暂不可用。' },
  failed: { en: 'This page could not be shown', 'zh-Hans': '页面无法显示' },
  backHome: { en: 'Back to the dashboard', 'zh-Hans': '返回概览' },
};

/** '#/case/RB-1?tab=x' → { name: 'case', path: ['RB-1'], query } */
export function parseHash(hash) {
  const [route = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [name = '', ...path] = route.split('/').filter(Boolean).map(segment => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  return { name, path, query: new URLSearchParams(search) };
}

function message(container, ctx, text, withLink) {
  const card = document.createElement('div');
  card.className = 'card empty-state';
  card.dataset.test = 'view-unavailable';
  const p = document.createElement('p');
  p.textContent = text;
  card.append(p);
  if (withLink) {
    const link = document.createElement('a');
    link.href = DEFAULT_ROUTE;
    link.textContent = ctx.t(TEXTS.backHome);
    card.append(link);
  }
  container.replaceChildren(card);
}

/**
 * Renders the route of the current hash into `main` with a fresh `context()` (language, role),
 * each time in a new element, so a slow view that finishes after the operator moved on writes
 * into a page nobody sees.
 */
export function startRouter({ main, context, onRoute }) {
  let current = 0;
  async function show() {
    if (!location.hash || location.hash === '#' || location.hash === '#/') {
      location.replace(DEFAULT_ROUTE);
      return;
    }
    const route = parseHash(location.hash);
    const ctx = context();
    const turn = ++current;
    disposeCharts();
    onRoute(route.name);
    const container = document.createElement('div');
    container.className = 'view-body';
    container.dataset.view = route.name;
    main.replaceChildren(container);
    if (!VIEWS.includes(route.name)) return message(container, ctx, ctx.t(TEXTS.notAvailable), true);
    let view;
    try {
      view = (await import(`/ops/views/${route.name}.js`)).default;
    } catch (error) {
      console.error(error);
      return message(container, ctx, ctx.t(TEXTS.notAvailable), true);
    }
    if (turn !== current) return;
    document.title = `${ctx.t(view.title ?? { en: route.name })} · returnbot`;
    try {
      await view.render(container, { path: route.path, query: route.query }, ctx);
    } catch (error) {
      console.error(error);
      if (turn === current && error.status !== 401) message(container, ctx, `${ctx.t(TEXTS.failed)}: ${error.message}`, true);
    }
  }
  window.addEventListener('hashchange', show);
  return { show };
}
