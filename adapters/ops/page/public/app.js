// The console's shell: who is signed in, the language, open alerts, and the view of the hash.
import { currentLang, t, toggleLang, translatePage } from '/ops/lang.js';
import { alertLink, alertText } from '/ops/shell/alert-text.js';
import { api } from '/ops/shell/api.js';
import { chart, loadEcharts } from '/ops/shell/charts.js';
import { startRouter } from '/ops/shell/router.js';

const TEXTS = {
  console: { en: 'Operations', 'zh-Hans': '运营后台' },
  dashboard: { en: 'Dashboard', 'zh-Hans': '概览' },
  cases: { en: 'Cases', 'zh-Hans': '工单' },
  crises: { en: 'Crises', 'zh-Hans': '危机处理' },
  rules: { en: 'Rules', 'zh-Hans': '规则' },
  audit: { en: 'Activity', 'zh-Hans': '操作记录' },
  otherLang: { en: '中文', 'zh-Hans': 'English' },
  signOut: { en: 'Sign out', 'zh-Hans': '退出' },
  operator: { en: 'operator', 'zh-Hans': '运营' },
  viewer: { en: 'viewer', 'zh-Hans': '只读' },
  alerts: { en: 'Open alerts', 'zh-Hans': '未解除的告警' },
};

const ALERTS_EVERY_MS = 60_000;

/** The operator's own, for the header and views: { username, role }. */
let operator;
const main = document.getElementById('view');

function navigate(hash) {
  location.hash = hash.startsWith('#') ? hash : `#${hash}`;
}

function context() {
  return { api, t, lang: currentLang(), role: operator.role, operator, navigate, chart };
}

function paintHeader() {
  translatePage(TEXTS);
  document.querySelector('[data-test="operator-name"]').textContent = operator.username;
  document.querySelector('[data-test="operator-role"]').textContent = t(TEXTS[operator.role]);
}

function markActive(name) {
  for (const link of document.querySelectorAll('.nav a')) {
    const active = link.dataset.route.split(' ').includes(name);
    link.classList.toggle('active', active);
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function formatTime(iso, timeZone) {
  return new Date(iso).toLocaleString(currentLang() === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

/** Another part of the console serves the alerts; until it does (404) the banner stays hidden. */
async function refreshAlerts() {
  const banner = document.querySelector('[data-test="alerts"]');
  let alerts = [];
  let zone;
  try {
    ({ alerts = [], zone } = (await api('/alerts/open')) ?? {});
  } catch {
    alerts = [];
  }
  banner.hidden = alerts.length === 0;
  const title = document.createElement('strong');
  title.textContent = `${t(TEXTS.alerts)} (${alerts.length})`;
  const list = document.createElement('ul');
  for (const alert of alerts) {
    const item = document.createElement('li');
    item.dataset.test = 'alert';
    item.dataset.key = alert.key;
    const when = document.createElement('span');
    when.className = 'muted';
    when.textContent = formatTime(alert.raisedAt, zone);
    const link = alertLink(alert);
    const text = document.createElement(link ? 'a' : 'span');
    text.textContent = alertText(alert);
    if (link) text.href = link;
    item.append(text, ' ', when);
    list.append(item);
  }
  banner.replaceChildren(title, list);
}

async function signOut() {
  try {
    await api('/session', { method: 'DELETE' });
  } finally {
    location.assign('/ops/login');
  }
}

async function boot() {
  const [me] = await Promise.all([api('/me'), loadEcharts().catch(error => console.error(error))]);
  operator = me.operator;
  paintHeader();
  const router = startRouter({ main, context, onRoute: markActive });
  document.querySelector('[data-test="sign-out"]').addEventListener('click', signOut);
  document.querySelector('[data-test="lang-toggle"]').addEventListener('click', () => {
    toggleLang();
    paintHeader();
    refreshAlerts();
    router.show();
  });
  await router.show();
  await refreshAlerts();
  setInterval(refreshAlerts, ALERTS_EVERY_MS);
}

boot();
