// One case: what was asked about, who asked, the rules' decision in plain words with the rule
// ids, the lifecycle, the conversation as chat bubbles and the photos.
import { ACTOR, CHANNEL, OUTCOME, STATUS, TIER, el, fill, money, when, word } from './numbers/labels.js';

const TEXTS = {
  title: { en: 'Case', 'zh-Hans': '工单' },
  back: { en: '← Cases', 'zh-Hans': '← 工单列表' },
  notFound: { en: 'There is no case {id}.', 'zh-Hans': '没有工单 {id}。' },
  facts: { en: 'Request', 'zh-Hans': '申请' },
  product: { en: 'Product', 'zh-Hans': '商品' },
  quantity: { en: 'Quantity', 'zh-Hans': '数量' },
  batch: { en: 'Batch', 'zh-Hans': '批次' },
  supplier: { en: 'Supplier', 'zh-Hans': '供应商' },
  order: { en: 'Order', 'zh-Hans': '订单' },
  delivered: { en: 'Delivered', 'zh-Hans': '签收时间' },
  channel: { en: 'Channel', 'zh-Hans': '渠道' },
  created: { en: 'Created', 'zh-Hans': '创建时间' },
  description: { en: 'In the customer’s words', 'zh-Hans': '顾客描述' },
  customer: { en: 'Customer', 'zh-Hans': '客户' },
  tier: { en: 'Tier', 'zh-Hans': '等级' },
  phone: { en: 'Phone', 'zh-Hans': '电话' },
  crisis: { en: 'Crisis', 'zh-Hans': '危机' },
  decision: { en: 'Decision', 'zh-Hans': '规则判定' },
  refused: { en: 'Refused', 'zh-Hans': '拒绝' },
  needsPerson: { en: 'Needs a person', 'zh-Hans': '需人工确认' },
  granted: { en: 'Granted', 'zh-Hans': '同意' },
  outcomes: { en: 'Could choose', 'zh-Hans': '可选方式' },
  chosen: { en: 'Chose', 'zh-Hans': '顾客选择' },
  value: { en: 'Value of the goods', 'zh-Hans': '商品金额' },
  fees: { en: 'Fees', 'zh-Hans': '费用' },
  returnRequired: { en: 'Goods sent back', 'zh-Hans': '需寄回' },
  compensation: { en: 'Compensation', 'zh-Hans': '补偿' },
  coupon: { en: '{amount} coupon', 'zh-Hans': '{amount} 优惠券' },
  points: { en: '{amount} points', 'zh-Hans': '{amount} 积分' },
  yes: { en: 'yes', 'zh-Hans': '是' },
  no: { en: 'no', 'zh-Hans': '否' },
  rules: { en: 'Rules that decided', 'zh-Hans': '生效的规则' },
  timeline: { en: 'Timeline', 'zh-Hans': '处理记录' },
  transcript: { en: 'Conversation', 'zh-Hans': '对话记录' },
  noMessages: { en: 'No messages are kept for this conversation.', 'zh-Hans': '没有保存该对话的消息。' },
  photos: { en: 'Photos', 'zh-Hans': '照片' },
  noPhotos: { en: 'No photos.', 'zh-Hans': '没有照片。' },
  photosMissing: { en: '{n} photo(s) recorded, but their files are not kept.', 'zh-Hans': '记录了 {n} 张照片,但文件未保存。' },
  feedback: { en: 'Satisfaction', 'zh-Hans': '满意度' },
  handovers: { en: 'Hand-overs to agents', 'zh-Hans': '转人工记录' },
  waitingAgent: { en: 'not taken yet', 'zh-Hans': '尚未接手' },
  firstAnswer: { en: 'first answer', 'zh-Hans': '首次响应' },
};

export default {
  name: 'case',
  title: TEXTS.title,
  async render(container, params, ctx) {
    const id = params.path[0] ?? '';
    container.append(el('a', { text: ctx.t(TEXTS.back), test: 'back-to-cases', attrs: { href: '#/cases' } }));
    let data;
    try {
      data = await ctx.api(`/cases/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error.status !== 404) throw error;
      container.append(el('div', { className: 'card empty-state', test: 'case-not-found', text: fill(ctx.t(TEXTS.notFound), { id }) }));
      return;
    }
    const record = data.case;
    const at = iso => when(ctx, iso, data.zone);
    const productName = data.product ? data.product.names[ctx.lang] ?? data.product.names.en : record.sku;

    container.append(
      el('div', { className: 'row', attrs: { style: 'margin:8px 0 16px' } }, [
        el('h1', { text: record.id, test: 'case-id', attrs: { style: 'margin:0' } }),
        el('span', { className: 'badge', text: word(ctx, STATUS, record.status), test: 'case-status' }),
        ...(record.crisisId ? [el('span', { className: 'badge', text: `${ctx.t(TEXTS.crisis)} ${record.crisisId}`, test: 'case-crisis' })] : []),
      ]),
      el('div', { className: 'grid' }, [
        facts(ctx, TEXTS.facts, 'case-facts', [
          [TEXTS.product, `${productName} (${record.sku})`],
          [TEXTS.quantity, record.quantity],
          [TEXTS.batch, data.batchId ?? '–'],
          [TEXTS.supplier, data.supplier ? (ctx.lang === 'en' ? data.supplier.nameEn : data.supplier.name) : '–'],
          [TEXTS.order, record.orderId],
          [TEXTS.delivered, data.order?.deliveredAt ? at(data.order.deliveredAt) : '–'],
          [TEXTS.channel, word(ctx, CHANNEL, record.channel)],
          [TEXTS.created, at(record.createdAt)],
          [TEXTS.description, record.description],
        ]),
        facts(ctx, TEXTS.customer, 'case-customer', data.customer ? [
          [TEXTS.customer, `${data.customer.name} (${data.customer.id})`],
          [TEXTS.tier, word(ctx, TIER, data.customer.tier)],
          [TEXTS.phone, data.customer.phone],
        ] : [[TEXTS.customer, record.customerId]]),
        decisionCard(ctx, data),
      ]),
      timelineCard(ctx, data, at),
      el('div', { className: 'grid' }, [transcriptCard(ctx, data, at), photosCard(ctx, data), followUpCard(ctx, data, at)]),
    );
  },
};

function facts(ctx, title, test, rows) {
  return el('div', { className: 'card', test }, [
    el('h2', { text: ctx.t(title) }),
    el('table', { className: 'data' }, [el('tbody', {}, rows.map(([label, value]) => el('tr', {}, [
      el('th', { text: ctx.t(label), attrs: { scope: 'row', style: 'width:40%' } }),
      el('td', { text: value }),
    ])))]),
  ]);
}

function decisionCard(ctx, data) {
  const { decision, case: record } = data;
  const verdict = decision.refused ? TEXTS.refused : decision.needsPerson ? TEXTS.needsPerson : TEXTS.granted;
  const fees = decision.fees.reduce((sum, f) => sum + f.cents, 0);
  const card = facts(ctx, TEXTS.decision, 'case-decision', [
    [TEXTS.decision, ctx.t(verdict)],
    [TEXTS.outcomes, decision.outcomes.map(o => word(ctx, OUTCOME, o)).join(' / ') || '–'],
    [TEXTS.chosen, record.outcome ? word(ctx, OUTCOME, record.outcome) : '–'],
    [TEXTS.value, money(decision.refundCents)],
    [TEXTS.fees, fees > 0 ? money(fees) : '–'],
    [TEXTS.returnRequired, ctx.t(decision.returnRequired ? TEXTS.yes : TEXTS.no)],
    [TEXTS.compensation, compensationText(ctx, decision.compensation)],
  ]);
  card.append(
    el('h3', { text: ctx.t(TEXTS.rules), attrs: { style: 'margin-top:12px' } }),
    el('ul', { test: 'decision-rules' }, decision.rules.map(rule => {
      const item = el('li', { test: 'decision-rule' }, [el('code', { text: rule.id })]);
      item.dataset.rule = rule.id;
      if (rule.reason) item.append(` — ${rule.reason[ctx.lang] ?? rule.reason.en}`);
      return item;
    })),
  );
  return card;
}

function timelineCard(ctx, data, at) {
  return el('div', { className: 'card', test: 'case-timeline' }, [
    el('h2', { text: ctx.t(TEXTS.timeline) }),
    el('table', { className: 'data' }, [el('tbody', {}, data.timeline.map(e => el('tr', { test: 'timeline-event' }, [
      el('td', { text: at(e.at), attrs: { style: 'white-space:nowrap' } }),
      el('td', {}, [el('span', { className: 'badge', text: word(ctx, STATUS, e.to) })]),
      el('td', { text: word(ctx, ACTOR, e.actor) }),
      el('td', { className: 'muted', text: e.note }),
    ])))]),
  ]);
}

/** Customer on the left, bot and agents on the right, as in a chat app. */
function transcriptCard(ctx, data, at) {
  const card = el('div', { className: 'card', test: 'case-transcript' }, [el('h2', { text: ctx.t(TEXTS.transcript) })]);
  if (data.transcript.length === 0) card.append(el('p', { className: 'muted', text: ctx.t(TEXTS.noMessages) }));
  const list = el('div', { attrs: { style: 'display:flex;flex-direction:column;gap:8px;max-height:520px;overflow-y:auto' } });
  for (const m of data.transcript) {
    const incoming = m.direction === 'in';
    const bubble = el('div', { test: 'chat-bubble', text: m.text });
    bubble.dataset.direction = m.direction;
    Object.assign(bubble.style, {
      alignSelf: incoming ? 'flex-start' : 'flex-end',
      maxWidth: '80%',
      padding: '8px 12px',
      borderRadius: incoming ? '12px 12px 12px 2px' : '12px 12px 2px 12px',
      background: incoming ? '#f1f5f9' : '#dbeafe',
      whiteSpace: 'pre-wrap',
      overflowWrap: 'anywhere',
    });
    bubble.append(el('div', { className: 'muted', text: at(m.at), attrs: { style: 'font-size:11px;margin-top:4px' } }));
    list.append(bubble);
  }
  card.append(list);
  return card;
}

function photosCard(ctx, data) {
  const card = el('div', { className: 'card', test: 'case-photos' }, [el('h2', { text: ctx.t(TEXTS.photos) })]);
  const recorded = data.case.photoIds.length;
  if (recorded === 0) card.append(el('p', { className: 'muted', text: ctx.t(TEXTS.noPhotos) }));
  else if (data.photos.length < recorded) card.append(el('p', { className: 'muted', text: fill(ctx.t(TEXTS.photosMissing), { n: recorded - data.photos.length }) }));
  const row = el('div', { className: 'row' });
  for (const photo of data.photos) {
    const src = `/ops/api/${photo.url}`;
    const img = el('img', { test: 'case-photo', attrs: { src, alt: photo.id.slice(0, 12), loading: 'lazy' } });
    Object.assign(img.style, { width: '120px', height: '120px', objectFit: 'cover', borderRadius: '8px', border: '1px solid #e2e8f0' });
    row.append(el('a', { attrs: { href: src, target: '_blank', rel: 'noopener' } }, [img]));
  }
  card.append(row);
  return card;
}

function followUpCard(ctx, data, at) {
  const card = el('div', { className: 'card', test: 'case-follow-up' }, [el('h2', { text: ctx.t(TEXTS.feedback) })]);
  if (data.feedback.length === 0) card.append(el('p', { className: 'muted', text: '–' }));
  for (const f of data.feedback) {
    card.append(el('p', {}, [el('span', { className: 'badge', text: '★'.repeat(f.score) }), ` ${f.comment ?? ''} `, el('span', { className: 'muted', text: at(f.at) })]));
  }
  if (data.handovers.length > 0) {
    card.append(el('h2', { text: ctx.t(TEXTS.handovers), attrs: { style: 'margin-top:12px' } }));
    for (const h of data.handovers) {
      const agent = h.agent ? h.agent.name : ctx.t(TEXTS.waitingAgent);
      const answered = h.firstResponseAt ? ` · ${ctx.t(TEXTS.firstAnswer)} ${at(h.firstResponseAt)}` : '';
      card.append(el('p', { test: 'handover', text: `${at(h.createdAt)} · ${h.reason} · ${agent}${answered}` }));
    }
  }
  return card;
}

/** A coupon is in cents, points are points; none is a dash like the other empty cells. */
function compensationText(ctx, compensation) {
  if (!compensation) return '–';
  const amount = compensation.kind === 'coupon' ? money(compensation.amount) : String(compensation.amount);
  return fill(ctx.t(TEXTS[compensation.kind]), { amount });
}
