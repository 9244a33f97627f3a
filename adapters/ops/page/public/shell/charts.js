// Apache ECharts for the views: loaded once from the console's own copy, one theme, resized with
// the window, disposed when the view changes.

const FONT = '"Inter", "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif';
const THEME = {
  color: ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16', '#64748b'],
  backgroundColor: 'transparent',
  textStyle: { fontFamily: FONT, color: '#334155' },
  title: { textStyle: { fontFamily: FONT, fontWeight: 600, fontSize: 14, color: '#0f172a' } },
  legend: { textStyle: { fontFamily: FONT, color: '#475569' } },
  tooltip: { textStyle: { fontFamily: FONT } },
};

let loading;
const live = new Set();

/** Loads /ops/vendor/echarts.min.js once, as a classic script (it defines window.echarts). */
export function loadEcharts() {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/ops/vendor/echarts.min.js';
    script.onload = () => {
      window.echarts.registerTheme('returnbot', THEME);
      resolve(window.echarts);
    };
    script.onerror = () => reject(new Error('charts could not be loaded'));
    document.head.append(script);
  });
  return loading;
}

/** An ECharts instance on `element` showing `option`; ECharts must be loaded (the shell waits for it). */
export function chart(element, option) {
  if (!window.echarts) throw new Error('charts are not loaded yet');
  const instance = window.echarts.getInstanceByDom(element) ?? window.echarts.init(element, 'returnbot');
  instance.setOption(option, true);
  live.add(instance);
  return instance;
}

export function disposeCharts() {
  for (const instance of live) instance.dispose();
  live.clear();
}

let frame = 0;
window.addEventListener('resize', () => {
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(() => {
    for (const instance of live) if (!instance.isDisposed()) instance.resize();
  });
});
