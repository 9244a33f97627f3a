import { currentLang, t, toggleLang, translatePage } from '/ops/lang.js';

const TEXTS = {
  otherLang: { en: '中文', 'zh-Hans': 'English' },
  title: { en: 'Operations console', 'zh-Hans': '运营后台' },
  intro: { en: 'Sign in with your operator account.', 'zh-Hans': '请使用运营账号登录。' },
  username: { en: 'Username', 'zh-Hans': '用户名' },
  password: { en: 'Password', 'zh-Hans': '密码' },
  signIn: { en: 'Sign in', 'zh-Hans': '登录' },
  missing: { en: 'Enter your username and password.', 'zh-Hans': '请输入用户名和密码。' },
  wrong: { en: 'Wrong username or password.', 'zh-Hans': '用户名或密码错误。' },
  failed: { en: 'Sign-in failed; please try again in a moment.', 'zh-Hans': '登录失败，请稍后再试。' },
};

const form = document.getElementById('sign-in');
const error = form.querySelector('.error');

function showError(text) {
  error.textContent = text;
  error.hidden = false;
}

function lockedText(until) {
  const time = new Date(until).toLocaleString(currentLang() === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
  return t({
    en: `Too many wrong passwords: this account is locked until ${time}.`,
    'zh-Hans': `密码错误次数过多，该账号已锁定至 ${time}。`,
  });
}

async function signIn(event) {
  event.preventDefault();
  error.hidden = true;
  const username = form.elements.username.value.trim();
  const password = form.elements.password.value;
  if (!username || !password) return showError(t(TEXTS.missing));
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    const response = await fetch('/ops/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'returnbot-ops' },
      body: JSON.stringify({ username, password }),
    });
    if (response.ok) {
      location.assign('/ops/');
      return;
    }
    const body = await response.json().catch(() => ({}));
    if (response.status === 423) showError(lockedText(body.error?.lockedUntil));
    else if (response.status === 401) showError(t(TEXTS.wrong));
    else if (response.status === 400) showError(t(TEXTS.missing));
    else showError(t(TEXTS.failed));
    form.elements.password.select();
  } catch {
    showError(t(TEXTS.failed));
  } finally {
    button.disabled = false;
  }
}

document.querySelector('[data-test="lang-toggle"]').addEventListener('click', () => {
  toggleLang();
  translatePage(TEXTS);
});
form.addEventListener('submit', signIn);
translatePage(TEXTS);
form.elements.username.focus();
// Already signed in (another tab, the back button): straight to the console.
fetch('/ops/api/me').then(response => {
  if (response.ok) location.replace('/ops/');
}, () => {});
