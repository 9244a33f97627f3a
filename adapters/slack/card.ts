/**
 * The case card: one Block Kit message per escalation, the top of its thread, redrawn whenever
 * the escalation changes. Pure: the same view and clock always draw the same card.
 */
import type { types } from '@slack/bolt';
import type { EscalationView } from '../../bot/desk.js';
import type { StoredMessage } from '../../bot/records.js';
import { t, TEMPLATES, type TemplateKey } from '../../dialogs/replies/index.js';
import type { Outcome } from '../../policies/types.js';
import { deskText, isDeskTextKey, type DeskLang, type DeskTextKey } from './desk-text.js';
import { clip, escapeMrkdwn, slackDate } from './mrkdwn.js';
import { agentMayDecide } from '../../bot/lifecycle/transitions.js';

/** The action ids of the card's buttons and the reject modal's callback id. */
export const ACTION = {
  take: 'rb_take',
  /** Followed by the outcome: rb_approve_refund, rb_approve_exchange, rb_approve_reship. */
  approvePrefix: 'rb_approve_',
  reject: 'rb_reject',
  handBack: 'rb_hand_back',
  close: 'rb_close',
} as const;
export const REJECT_VIEW = 'rb_reject_reason';
/** block_id and action_id of the reason input in the reject modal. */
export const REASON_INPUT = 'reason';

/** Every outcome an agent may grant, including those the rules did not offer (an override). */
export const ALL_OUTCOMES: readonly Outcome[] = ['refund', 'exchange', 'reship'];

/** How many of the last messages the card quotes. */
export const TRANSCRIPT_LINES = 8;

export interface CardOptions {
  lang: DeskLang;
  now: Date;
  /** The rules' window, quoted in the plain-words reasons ("within {days} days"). */
  windowDays?: number;
}

export interface SlackMessage {
  /** The notification and screen-reader text. */
  text: string;
  blocks: types.KnownBlock[];
}

/** The card for `view` as it stands at `now`. */
export function caseCard(view: EscalationView, options: CardOptions): SlackMessage {
  const { escalation, case: record } = view;
  const { lang } = options;
  const say = (key: DeskTextKey, vars?: Record<string, string | number>) => deskText(lang, key, vars);
  const handoff = known(lang, `handoff.${escalation.reason}`, escalation.reason);
  const problem = record ? template(lang, `problem.${record.reason}`, record.reason) : '';
  const title = clip(record ? `${record.id} · ${problem}` : `${say('card.no_case')} · ${handoff}`, 150, true);
  const status = statusLine(view, lang);

  const fields: string[] = [
    `*${say('label.customer')}*\n${view.customer ? `${escapeMrkdwn(clip(view.customer.name, 80, true))} · ${view.customer.tier}` : say('customer.unknown')}`,
    `*${say('label.channel')}* · *${say('label.language')}*\n${escapeMrkdwn(escalation.channel)} · ${escalation.lang}`,
  ];
  const order = orderLine(view, lang);
  if (order) fields.push(`*${say('label.order')}*\n${order}`);
  if (record) {
    fields.push(`*${say('label.problem')}*\n${problem}`);
    const outcome = record.outcome ? outcomeName(lang, record.outcome) : '—';
    fields.push(`*${say('label.outcome')}*\n${outcome} · ${known(lang, `case.status.${record.status}`, record.status)}`);
  }
  fields.push(`*${say('label.photos')}*\n${view.photos.length ? say('photos.count', { count: view.photos.length }) : say('photos.none')}`);

  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${status} · ${say('label.why')}: ${handoff}` }] },
    { type: 'section', fields: fields.map(text => ({ type: 'mrkdwn', text: clip(text, 2000) })) },
  ];
  if (record?.description) {
    blocks.push(section(`*${say('label.description')}*\n${escapeMrkdwn(clip(record.description, 600))}`));
  }
  if (!record && view.facts.length) {
    const facts = view.facts.map(f => `• ${escapeMrkdwn(clip(f.label, 60, true))}: ${escapeMrkdwn(clip(f.value, 200, true))}`);
    blocks.push(section(`*${say('label.facts')}*\n${facts.join('\n')}`));
  }
  if (record) blocks.push(section(decisionText(view, options)));
  blocks.push(section(`*${say('label.sla')}*\n${slaLines(view, options).join('\n')}`));
  blocks.push(section(`*${say('label.transcript')}*\n${transcriptText(view.transcript, lang)}`));
  const buttons = cardButtons(view, lang);
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'rb_actions', elements: buttons });

  return { text: clip(`${title} — ${plainStatus(view, lang)}`, 300, true), blocks };
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } };
}

/** A reply template, or `fallback` when the vocabulary grew and the templates have no such key yet. */
function template(lang: DeskLang, key: string, fallback: string, vars?: Record<string, string | number>): string {
  return key in TEMPLATES[lang] ? t(lang, key as TemplateKey, vars) : fallback;
}

/** A desk label, or `fallback` for a value the desk has no label for. */
function known(lang: DeskLang, key: string, fallback: string): string {
  return isDeskTextKey(key) ? deskText(lang, key) : fallback;
}

function outcomeName(lang: DeskLang, outcome: Outcome): string {
  return template(lang, `outcome.${outcome}`, outcome);
}

function statusLine(view: EscalationView, lang: DeskLang): string {
  const { status, agent } = view.escalation;
  if (status === 'claimed') return deskText(lang, 'status.claimed', { name: escapeMrkdwn(agent?.name ?? '?'), user: agent?.id ?? '' });
  return known(lang, `status.${status}`, status);
}

/** The status without Slack markup, for notifications. */
function plainStatus(view: EscalationView, lang: DeskLang): string {
  return statusLine(view, lang).replace(/:[a-z_]+: /, '').replace(/\*/g, '').replace(/ \(<@[^>]*>\)/, '');
}

function orderLine(view: EscalationView, lang: DeskLang): string | undefined {
  const { order, case: record } = view;
  if (record) {
    const line = order?.lines.find(l => l.line === record.line);
    const item = line?.product.names[lang] ?? record.sku;
    return escapeMrkdwn(`${record.orderId} · ${clip(item, 80, true)} × ${record.quantity}`);
  }
  if (!order) return undefined;
  const items = order.lines.slice(0, 5).map(l => `${clip(l.product.names[lang], 60, true)} × ${l.quantity}`);
  return escapeMrkdwn(`${order.id} · ${items.join(', ')}${order.lines.length > 5 ? ', …' : ''}`);
}

function decisionText(view: EscalationView, options: CardOptions): string {
  const { lang } = options;
  const decision = view.case!.decision;
  const outcomes = decision.outcomes.map(o => outcomeName(lang, o)).join(', ');
  const verdict = decision.refused ? deskText(lang, 'decision.refused') : deskText(lang, 'decision.allowed', { outcomes: outcomes || '—' });
  const person = decision.needsPerson ? ` · ${deskText(lang, 'decision.person')}` : '';
  const vars = {
    days: options.windowDays ?? '…',
    deliveredOn: view.order?.deliveredAt?.slice(0, 10) ?? '…',
  };
  const reasons = decision.reasons.map(id => `• ${escapeMrkdwn(template(lang, `rule.${id}`, id, vars))}`);
  return [`*${deskText(lang, 'label.decision')}*: ${verdict}${person}`, ...reasons].join('\n');
}

function slaLines(view: EscalationView, options: CardOptions): string[] {
  const { escalation } = view;
  const { lang, now } = options;
  const finished = escalation.status === 'returned' || escalation.status === 'closed';
  const line = (label: DeskTextKey, due: string, doneAt: string | null, deadline: 'first_response' | 'review') => {
    const name = deskText(lang, label);
    if (doneAt) return `${name}: ${deskText(lang, 'sla.done', { when: slackDate(doneAt) })}`;
    if (finished) return `${name}: —`;
    const breached = escalation.slaNotices.includes(`${deadline}:breached`) || Date.parse(due) <= now.getTime();
    if (breached) return `${name}: ${deskText(lang, 'sla.breached', { when: slackDate(due) })}`;
    return `${name}: ${deskText(lang, 'sla.due', { when: slackDate(due), left: timeLeft(due, now, lang) })}`;
  };
  return [
    line('sla.first', escalation.firstResponseDue, escalation.firstResponseAt, 'first_response'),
    line('sla.review', escalation.reviewDue, null, 'review'),
  ];
}

/** "in 3 h" / "in 45 min" until `due`; "over" once it has passed. */
export function timeLeft(due: string, now: Date, lang: DeskLang): string {
  const minutes = Math.floor((Date.parse(due) - now.getTime()) / 60_000);
  if (minutes <= 0) return deskText(lang, 'sla.over');
  if (minutes < 90) return deskText(lang, 'sla.in_minutes', { n: minutes });
  return deskText(lang, 'sla.in_hours', { n: Math.round(minutes / 60) });
}

function transcriptText(messages: StoredMessage[], lang: DeskLang): string {
  const last = messages.slice(-TRANSCRIPT_LINES);
  if (!last.length) return `_${deskText(lang, 'transcript.empty')}_`;
  return last
    .map(m => `${m.direction === 'in' ? ':bust_in_silhouette:' : ':robot_face:'} ${escapeMrkdwn(clip(m.text || '…', 200, true))}`)
    .join('\n');
}

function cardButtons(view: EscalationView, lang: DeskLang): types.Button[] {
  const { escalation, case: record } = view;
  const id = escalation.id;
  const button = (action: string, text: string, extra: Partial<types.Button> = {}): types.Button => ({
    type: 'button',
    action_id: action,
    value: id,
    text: { type: 'plain_text', text: clip(text, 75, true), emoji: true },
    ...extra,
  });
  const confirm = (text: string): types.ConfirmationDialog => ({
    title: { type: 'plain_text', text: deskText(lang, 'confirm.title') },
    text: { type: 'mrkdwn', text },
    confirm: { type: 'plain_text', text: deskText(lang, 'confirm.yes') },
    deny: { type: 'plain_text', text: deskText(lang, 'confirm.no') },
  });

  if (escalation.status === 'waiting') return [button(ACTION.take, deskText(lang, 'button.take'), { style: 'primary' })];
  if (escalation.status !== 'claimed') return [];

  const buttons: types.Button[] = [];
  // The engine takes a decision on a case waiting for a person, or changes an approved outcome.
  if (record && agentMayDecide(record.status)) {
    const allowed = record.decision.outcomes;
    for (const outcome of allowed) {
      buttons.push(button(`${ACTION.approvePrefix}${outcome}`, deskText(lang, 'button.approve', { outcome: outcomeName(lang, outcome) }), { style: 'primary' }));
    }
    for (const outcome of ALL_OUTCOMES.filter(o => !allowed.includes(o))) {
      const name = outcomeName(lang, outcome);
      buttons.push(button(`${ACTION.approvePrefix}${outcome}`, deskText(lang, 'button.override', { outcome: name }), { confirm: confirm(deskText(lang, 'confirm.override', { outcome: name })) }));
    }
    buttons.push(button(ACTION.reject, deskText(lang, 'button.reject'), { style: 'danger' }));
  }
  buttons.push(button(ACTION.handBack, deskText(lang, 'button.hand_back'), { confirm: confirm(deskText(lang, 'confirm.hand_back')) }));
  buttons.push(button(ACTION.close, deskText(lang, 'button.close'), { confirm: confirm(deskText(lang, 'confirm.close')) }));
  return buttons;
}

/**
 * The modal that asks for the reason of a rejection; `private_metadata` carries the escalation
 * id back with the submission.
 */
export function rejectModal(escalationId: string, customerLang: string, lang: DeskLang): types.ModalView {
  return {
    type: 'modal',
    callback_id: REJECT_VIEW,
    private_metadata: escalationId,
    title: { type: 'plain_text', text: clip(deskText(lang, 'modal.title'), 24, true) },
    submit: { type: 'plain_text', text: clip(deskText(lang, 'modal.submit'), 24, true) },
    close: { type: 'plain_text', text: clip(deskText(lang, 'modal.cancel'), 24, true) },
    blocks: [
      {
        type: 'input',
        block_id: REASON_INPUT,
        label: { type: 'plain_text', text: deskText(lang, 'modal.label') },
        hint: { type: 'plain_text', text: deskText(lang, 'modal.hint', { lang: customerLang }) },
        element: { type: 'plain_text_input', action_id: REASON_INPUT, multiline: true, max_length: 1000 },
      },
    ],
  };
}
