// The console's language, kept in this browser: English or Simplified Chinese.
const KEY = 'returnbot.ops.lang';

/** @returns {'en' | 'zh-Hans'} */
export function currentLang() {
  const saved = localStorage.getItem(KEY);
  if (saved === 'en' || saved === 'zh-Hans') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-Hans' : 'en';
}

export function toggleLang() {
  localStorage.setItem(KEY, currentLang() === 'en' ? 'zh-Hans' : 'en');
}

/** The text for the current language, English when a dictionary lacks it. */
export function t(dict) {
  return dict[currentLang()] ?? dict.en;
}

/** Fills every `[data-i18n]` element from `texts[key]`, and the page's lang attribute. */
export function translatePage(texts) {
  document.documentElement.lang = currentLang();
  for (const element of document.querySelectorAll('[data-i18n]')) {
    const text = texts[element.dataset.i18n];
    if (text) element.textContent = t(text);
  }
  for (const element of document.querySelectorAll('[data-i18n-placeholder]')) {
    const text = texts[element.dataset.i18nPlaceholder];
    if (text) element.placeholder = t(text);
  }
}
