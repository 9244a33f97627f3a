// Crisis mode: open a crisis for a batch, product or supplier with a preset and a notice in three
// languages, see its progress, notify the customers who bought within it, close it.
// `#/crises?batch=<id>` opens the form on that batch (the dashboard links here).
import { el, fill, money, OUTCOME, when } from './numbers/labels.js';

const TEXTS = {
  title: { en: 'Crises', 'zh-Hans': '危机处理' },
  intro: {
    en: 'While a crisis is open, every request about its batch, product or supplier gets the preset at once, with the notice. Closing it restores the normal rules.',
    'zh-Hans': '危机处理期间，所有关于该批次、商品或供应商的申请都会立即按预设方案处理，并附上通知。结束后恢复常规规则。',
  },
  openTitle: { en: 'Open a crisis', 'zh-Hans': '启动危机处理' },
  viewerNote: { en: 'Only operators may open, notify or close crises.', 'zh-Hans': '只有运营人员可以启动、通知或结束危机处理。' },
  scope: { en: 'About', 'zh-Hans': '范围' },
  batch: { en: 'Batch', 'zh-Hans': '批次' },
  product: { en: 'Product', 'zh-Hans': '商品' },
  supplier: { en: 'Supplier', 'zh-Hans': '供应商' },
  which: { en: 'Which', 'zh-Hans': '对象' },
  outcome: { en: 'Preset', 'zh-Hans': '预设方案' },
  returnRequired: { en: 'Goods sent back', 'zh-Hans': '需要寄回' },
  yes: { en: 'Yes, at our cost', 'zh-Hans': '是，运费由我们承担' },
  no: { en: 'No', 'zh-Hans': '否' },
  coupon: { en: 'Coupon (¥, 0 for none)', 'zh-Hans': '优惠券（元，0 表示不送）' },
  notice: { en: 'Notice to customers', 'zh-Hans': '给顾客的通知' },
  noticeHint: {
    en: 'Shown before the preset to every customer who asks, and sent when you notify. A suggestion is filled in; edit it freely.',
    'zh-Hans': '顾客申请时会先看到这条通知；点击“通知”时也会发送。已预填建议文本，可自由修改。',
  },
  'zh-Hans': { en: 'Simplified Chinese', 'zh-Hans': '简体中文' },
  'zh-Hant': { en: 'Traditional Chinese', 'zh-Hans': '繁体中文' },
  en: { en: 'English', 'zh-Hans': '英文' },
  audienceBefore: { en: 'A notice would reach {n} customers.', 'zh-Hans': '通知将发送给 {n} 位顾客。' },
  open: { en: 'Open crisis', 'zh-Hans': '启动危机处理' },
  opened: { en: 'Crisis {id} is open.', 'zh-Hans': '危机处理 {id} 已启动。' },
  openList: { en: 'Open crises', 'zh-Hans': '进行中的危机处理' },
  closedList: { en: 'Closed crises', 'zh-Hans': '已结束的危机处理' },
  none: { en: 'None.', 'zh-Hans': '无。' },
  openedBy: { en: 'Opened by {who} on {at}', 'zh-Hans': '{who} 于 {at} 启动' },
  closedBy: { en: 'closed by {who} on {at}', 'zh-Hans': '{who} 于 {at} 结束' },
  presetLine: { en: '{outcome}, {back}{coupon}', 'zh-Hans': '{outcome}，{back}{coupon}' },
  back: { en: 'goods sent back at our cost', 'zh-Hans': '需寄回（运费由我们承担）' },
  noBack: { en: 'nothing sent back', 'zh-Hans': '无需寄回' },
  plusCoupon: { en: ', plus a {amount} coupon', 'zh-Hans': '，另送 {amount} 优惠券' },
  requests: { en: 'Requests resolved', 'zh-Hans': '已处理申请' },
  units: { en: 'Units', 'zh-Hans': '件数' },
  refunds: { en: 'Refunded', 'zh-Hans': '退款金额' },
  notices: { en: 'Notices sent', 'zh-Hans': '已发送通知' },
  noticesLine: { en: '{sent} of {total} ({queued} waiting)', 'zh-Hans': '{total} 条中已发 {sent} 条（{queued} 条待发）' },
  notify: { en: 'Notify {n} customers', 'zh-Hans': '通知 {n} 位顾客' },
  notifyConfirm: {
    en: 'Send the notice to {n} customers, each on the channel they used last? Customers already notified are skipped.',
    'zh-Hans': '向 {n} 位顾客发送通知（各自最近使用的渠道）？已通知过的顾客不会重复发送。',
  },
  send: { en: 'Send', 'zh-Hans': '发送' },
  queued: { en: '{queued} notices queued for {n} customers; they leave at a steady pace.', 'zh-Hans': '已为 {n} 位顾客排队 {queued} 条通知，将按固定速率发送。' },
  close: { en: 'Close crisis', 'zh-Hans': '结束危机处理' },
  closeConfirm: {
    en: 'Close this crisis? New requests about it follow the normal rules again; notices not sent yet are dropped.',
    'zh-Hans': '确定结束？之后的申请将恢复常规规则；尚未发送的通知将不再发送。',
  },
  closeYes: { en: 'Yes, close it', 'zh-Hans': '确定结束' },
  cancel: { en: 'Cancel', 'zh-Hans': '取消' },
  failed: { en: 'Not done:', 'zh-Hans': '未完成：' },
};

const KINDS = ['batch', 'product', 'supplier'];
const OUTCOMES = ['refund', 'reship', 'exchange'];
const NOTICE_LANGS = ['zh-Hans', 'zh-Hant', 'en'];

/** A first draft of the notice, from the scope's names and the preset, in each customer language. */
function suggestedNotice(names, preset) {
  const coupon = preset.compensation ? money(preset.compensation.amount) : null;
  const solution = {
    'zh-Hans': {
      refund: preset.returnRequired ? '请把商品寄回（运费由我们承担），我们会全额退款' : '我们会直接全额退款，商品无需寄回',
      exchange: preset.returnRequired ? '请把商品寄回（运费由我们承担），我们会为您换货' : '我们会直接为您换货，商品无需寄回',
      reship: preset.returnRequired ? '请把商品寄回（运费由我们承担），我们会补发新品' : '我们会直接为您补发新品，商品无需寄回',
    },
    'zh-Hant': {
      refund: preset.returnRequired ? '請把商品寄回（運費由我們承擔），我們會全額退款' : '我們會直接全額退款，商品無需寄回',
      exchange: preset.returnRequired ? '請把商品寄回（運費由我們承擔），我們會為您換貨' : '我們會直接為您換貨，商品無需寄回',
      reship: preset.returnRequired ? '請把商品寄回（運費由我們承擔），我們會補發新品' : '我們會直接為您補發新品，商品無需寄回',
    },
    en: {
      refund: preset.returnRequired ? 'please send it back at our cost and we refund it in full' : 'we refund it in full, and you do not need to send anything back',
      exchange: preset.returnRequired ? 'please send it back at our cost and we exchange it' : 'we exchange it, and you do not need to send anything back',
      reship: preset.returnRequired ? 'please send it back at our cost and we send you a new one' : 'we send you a new one, and you do not need to send anything back',
    },
  };
  const extra = {
    'zh-Hans': coupon ? `，并送您一张 ${coupon} 的优惠券` : '',
    'zh-Hant': coupon ? `，並送您一張 ${coupon} 的優惠券` : '',
    en: coupon ? `, and add a ${coupon} coupon to your account` : '',
  };
  return {
    'zh-Hans': `关于${names['zh-Hans']}：我们发现这批商品有质量问题，非常抱歉。${solution['zh-Hans'][preset.outcome]}${extra['zh-Hans']}。需要办理的话，直接在这里告诉我们即可。`,
    'zh-Hant': `關於${names['zh-Hant']}：我們發現這批商品有品質問題，非常抱歉。${solution['zh-Hant'][preset.outcome]}${extra['zh-Hant']}。需要辦理的話，直接在這裡告訴我們即可。`,
    en: `About ${names.en}: we found a quality problem and we are very sorry. ${capitalize(solution.en[preset.outcome])}${extra.en}. Just tell us here if you are affected.`,
  };
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The scope's name in the customers' three languages, for the suggested notice. */
function scopeNames(scopes, kind, value) {
  const product = sku => scopes.products.find(p => p.sku === sku)?.names ?? { 'zh-Hans': sku, 'zh-Hant': sku, en: sku };
  if (kind === 'batch') {
    const names = product(scopes.batches.find(b => b.id === value)?.sku);
    return { 'zh-Hans': `${names['zh-Hans']}（批次 ${value}）`, 'zh-Hant': `${names['zh-Hant']}（批次 ${value}）`, en: `${names.en} (batch ${value})` };
  }
  if (kind === 'product') return product(value);
  const supplier = scopes.suppliers.find(s => s.id === value);
  const name = supplier?.name ?? value;
  return { 'zh-Hans': `${name}的商品`, 'zh-Hant': `${name}的商品`, en: `products from ${supplier?.nameEn ?? value}` };
}

/** The options of the scope's second drop-down, labelled in the operator's language. */
function scopeOptions(ctx, scopes, kind) {
  const productName = sku => {
    const names = scopes.products.find(p => p.sku === sku)?.names;
    return names ? names[ctx.lang] ?? names.en : sku;
  };
  if (kind === 'batch') return scopes.batches.map(b => [b.id, `${b.id} · ${productName(b.sku)}`]);
  if (kind === 'product') return scopes.products.map(p => [p.sku, `${productName(p.sku)} (${p.sku})`]);
  return scopes.suppliers.map(s => [s.id, `${ctx.lang === 'en' ? s.nameEn : s.name} (${s.id})`]);
}

function label(text, control) {
  return el('label', { attrs: { style: 'display:flex;flex-direction:column;gap:4px' } }, [el('span', { className: 'muted', text }), control]);
}

function select(test, options, selected) {
  const element = el('select', { test });
  for (const [value, text] of options) {
    const option = el('option', { text, attrs: { value } });
    option.selected = value === selected;
    element.append(option);
  }
  return element;
}

function button(text, test, className, onClick) {
  const element = el('button', { text, test, className, attrs: { type: 'button' } });
  element.addEventListener('click', onClick);
  return element;
}

/** A question with its two answers, hidden until the button that asks it is pressed. */
function confirmRow(question, test, yes, onYes, ctx) {
  // The wrapper carries `hidden`: the shell's `.row` sets a display that would override it.
  const box = el('div', { test, attrs: { hidden: '' } });
  const no = button(ctx.t(TEXTS.cancel), `${test}-cancel`, undefined, () => { box.hidden = true; });
  box.append(el('div', { className: 'row' }, [el('span', { text: question }), button(yes, `${test}-yes`, 'danger', onYes), no]));
  return box;
}

export default {
  name: 'crises',
  title: TEXTS.title,

  async render(container, params, ctx) {
    const { t } = ctx;
    const operator = ctx.role === 'operator';
    const [scopes, listed] = await Promise.all([ctx.api('/crises/scopes'), ctx.api('/crises')]);
    /** The shop's zone, for the times shown. */
    const zone = listed.zone;
    const list = el('div', { test: 'crisis-list' });
    const messages = el('div', { test: 'crisis-messages' });
    const say = (className, text) => messages.replaceChildren(el('p', { className, text }));

    async function refresh() {
      drawList((await ctx.api('/crises')).crises);
    }

    function drawList(crises) {
      const section = (title, items, test) =>
        el('div', { className: 'card', test }, [el('h2', { text: t(title) }), ...(items.length ? items.map(crisisCard) : [el('p', { className: 'muted', text: t(TEXTS.none) })])]);
      list.replaceChildren(
        section(TEXTS.openList, crises.filter(c => c.open), 'crises-open'),
        section(TEXTS.closedList, crises.filter(c => !c.open), 'crises-closed'),
      );
    }

    function crisisCard(crisis) {
      const names = scopeNames(scopes, crisis.scope.kind, crisis.scope.value);
      const { progress } = crisis;
      const presetLine = presetText(t, crisis.preset);
      const stat = (text, value, test) => el('div', { test }, [el('div', { className: 'muted', text: t(text) }), el('strong', { text: value })]);
      const card = el('div', { className: 'card', test: 'crisis', attrs: { 'data-id': crisis.id, 'data-state': crisis.open ? 'open' : 'closed' } }, [
        el('div', { className: 'row' }, [
          el('strong', { text: `${t(TEXTS[crisis.scope.kind])}: ${names[ctx.lang] ?? names.en}` }),
          el('span', { className: 'badge', text: crisis.id }),
        ]),
        el('p', { text: presetLine, test: 'crisis-preset' }),
        el('p', { className: 'muted', text: [
          fill(t(TEXTS.openedBy), { who: crisis.openedBy, at: when(ctx, crisis.openedAt, zone) }),
          crisis.closedAt ? fill(t(TEXTS.closedBy), { who: crisis.closedBy, at: when(ctx, crisis.closedAt, zone) }) : '',
        ].filter(Boolean).join('; ') }),
        el('div', { className: 'row', test: 'crisis-progress' }, [
          stat(TEXTS.requests, String(progress.requests), 'crisis-requests'),
          stat(TEXTS.units, String(progress.units), 'crisis-units'),
          stat(TEXTS.refunds, money(progress.refundCents), 'crisis-refunds'),
          stat(TEXTS.notices, fill(t(TEXTS.noticesLine), progress.notices), 'crisis-notices'),
        ]),
      ]);
      if (operator && crisis.open) card.append(...actions(crisis));
      return card;
    }

    function actions(crisis) {
      const n = crisis.audience;
      const run = async (path, done) => {
        try {
          done(await ctx.api(`/crises/${encodeURIComponent(crisis.id)}/${path}`, { method: 'POST' }));
        } catch (error) {
          say('error', `${t(TEXTS.failed)} ${error.message}`);
        }
        await refresh();
      };
      const notifyRow = confirmRow(fill(t(TEXTS.notifyConfirm), { n }), 'crisis-notify-confirm', t(TEXTS.send),
        () => run('notify', result => say('muted', fill(t(TEXTS.queued), { queued: result.queued, n: result.audience }))), ctx);
      const closeRow = confirmRow(t(TEXTS.closeConfirm), 'crisis-close-confirm', t(TEXTS.closeYes), () => run('close', () => messages.replaceChildren()), ctx);
      const buttons = el('div', { className: 'row' }, [
        button(fill(t(TEXTS.notify), { n }), 'crisis-notify', 'primary', () => { notifyRow.hidden = false; closeRow.hidden = true; }),
        button(t(TEXTS.close), 'crisis-close', 'danger', () => { closeRow.hidden = false; notifyRow.hidden = true; }),
      ]);
      buttons.querySelector('[data-test="crisis-notify"]').disabled = n === 0;
      return [buttons, notifyRow, closeRow];
    }

    function openForm() {
      const card = el('div', { className: 'card', test: 'crisis-form' }, [el('h2', { text: t(TEXTS.openTitle) })]);
      if (!operator) {
        card.append(el('p', { className: 'muted', text: t(TEXTS.viewerNote), test: 'crisis-viewer-note' }));
        return card;
      }
      const batch = params.query.get('batch');
      const kind = select('crisis-scope-kind', KINDS.map(k => [k, t(TEXTS[k])]), 'batch');
      const value = el('select', { test: 'crisis-scope-value' });
      const outcome = select('crisis-outcome', OUTCOMES.map(o => [o, t(OUTCOME[o])]), 'refund');
      const back = select('crisis-return', [['no', t(TEXTS.no)], ['yes', t(TEXTS.yes)]], 'no');
      const coupon = el('input', { test: 'crisis-coupon', attrs: { type: 'number', min: '0', max: '1000', step: '1', value: '10', style: 'width:8em' } });
      const audience = el('p', { className: 'muted', test: 'crisis-audience' });
      const notices = Object.fromEntries(NOTICE_LANGS.map(lang => [lang, el('textarea', { test: `crisis-notice-${lang}`, attrs: { rows: '3', maxlength: '500', lang } })]));
      /** Texts the operator wrote themselves are not replaced by a new suggestion. */
      const edited = new Set();
      for (const lang of NOTICE_LANGS) notices[lang].addEventListener('input', () => edited.add(lang));

      const preset = () => {
        const yuan = Number(coupon.value);
        return {
          outcome: outcome.value,
          returnRequired: back.value === 'yes',
          compensation: Number.isFinite(yuan) && yuan > 0 ? { kind: 'coupon', amount: Math.round(yuan * 100) } : null,
        };
      };
      const suggest = () => {
        const suggestion = suggestedNotice(scopeNames(scopes, kind.value, value.value), preset());
        for (const lang of NOTICE_LANGS) if (!edited.has(lang)) notices[lang].value = suggestion[lang];
      };
      const countAudience = async () => {
        audience.textContent = '';
        if (!value.value) return;
        try {
          const { count } = await ctx.api(`/crises/audience?kind=${encodeURIComponent(kind.value)}&value=${encodeURIComponent(value.value)}`);
          audience.textContent = fill(t(TEXTS.audienceBefore), { n: count });
        } catch (error) {
          audience.textContent = error.message;
        }
      };
      const fillValues = selected => {
        value.replaceChildren(...scopeOptions(ctx, scopes, kind.value).map(([id, text]) => {
          const option = el('option', { text, attrs: { value: id } });
          option.selected = id === selected;
          return option;
        }));
      };
      kind.addEventListener('change', () => { fillValues(); suggest(); countAudience(); });
      value.addEventListener('change', () => { suggest(); countAudience(); });
      for (const control of [outcome, back, coupon]) control.addEventListener('change', suggest);
      fillValues(batch);
      suggest();
      countAudience();

      const submit = button(t(TEXTS.open), 'crisis-open', 'primary', async () => {
        submit.disabled = true;
        try {
          const body = {
            scope: { kind: kind.value, value: value.value },
            preset: preset(),
            notice: Object.fromEntries(NOTICE_LANGS.map(lang => [lang, notices[lang].value])),
          };
          const { crisis } = await ctx.api('/crises', { method: 'POST', body });
          say('muted', fill(t(TEXTS.opened), { id: crisis.id }));
          await refresh();
        } catch (error) {
          say('error', `${t(TEXTS.failed)} ${error.message}`);
        } finally {
          submit.disabled = false;
        }
      });

      card.append(
        el('div', { className: 'row' }, [label(t(TEXTS.scope), kind), label(t(TEXTS.which), value)]),
        el('div', { className: 'row' }, [label(t(TEXTS.outcome), outcome), label(t(TEXTS.returnRequired), back), label(t(TEXTS.coupon), coupon)]),
        el('h3', { text: t(TEXTS.notice) }),
        el('p', { className: 'muted', text: t(TEXTS.noticeHint) }),
        ...NOTICE_LANGS.map(lang => label(t(TEXTS[lang]), notices[lang])),
        audience,
        submit,
      );
      return card;
    }

    container.append(
      el('div', { className: 'card' }, [el('h1', { text: t(TEXTS.title) }), el('p', { className: 'muted', text: t(TEXTS.intro) })]),
      messages,
      openForm(),
      list,
    );
    drawList(listed.crises);
  },
};

/** 'Refund, nothing sent back, plus a ¥10.00 coupon', in the console's language (`t` picks it). */
export function presetText(t, preset) {
  return fill(t(TEXTS.presetLine), {
    outcome: t(OUTCOME[preset.outcome]),
    back: t(preset.returnRequired ? TEXTS.back : TEXTS.noBack),
    coupon: preset.compensation?.kind === 'coupon' ? fill(t(TEXTS.plusCoupon), { amount: money(preset.compensation.amount) }) : '',
  });
}
