import type { types } from '@slack/bolt';
import { expect } from 'chai';
import { caseCard, rejectModal, timeLeft } from '../../adapters/slack/card.js';
import { milletView } from './recording-actions.js';

const NOW = new Date('2026-11-20T02:30:00.000Z');

function text(card: { blocks: types.KnownBlock[] }): string {
  return JSON.stringify(card.blocks).replace(/\\n/g, '\n').replace(/\\"/g, '"');
}

function buttons(card: { blocks: types.KnownBlock[] }): string[] {
  return card.blocks.flatMap(b => (b.type === 'actions' ? b.elements.map(e => ('action_id' in e ? String(e.action_id) : '')) : []));
}

describe('Slack case card', () => {
  it('explains the decision in the plain words of the rules, in the desk language', () => {
    const card = caseCard(milletView(), { lang: 'zh-Hans', now: NOW, windowDays: 7 });
    expect(card.text).to.equal('RB-20261120-0001 · 质量问题 — 等待客服接手');
    expect(text(card)).to.include('*规则判定*: 可选:退款, 换货 · 需要人工');
    expect(text(card)).to.include('质量问题包退换');
    expect(text(card)).to.include('123456 · 黄小米 5kg × 1');
    expect(buttons(card)).to.deep.equal(['rb_take']);
  });

  it('fills the window days into the reasons and never leaves a placeholder', () => {
    const card = caseCard(milletView(), { lang: 'en', now: NOW, windowDays: 7 });
    expect(text(card)).to.include('Your request is within 7 days of delivery.');
    expect(caseCard(milletView(), { lang: 'en', now: NOW }).blocks.map(b => JSON.stringify(b)).join('')).to.not.include('{days}');
  });

  it('quotes the last 8 messages, escaped, one line each', () => {
    const view = milletView();
    view.transcript = Array.from({ length: 10 }, (_, i) => ({ id: i, conversationId: 'c', direction: 'in' as const, text: `line ${i}\n<@U123> & more`, payload: null, at: '' }));
    const quoted = text(caseCard(view, { lang: 'en', now: NOW }));
    expect(quoted).to.not.include('line 1 ');
    expect(quoted).to.include(':bust_in_silhouette: line 2 &lt;@U123&gt; &amp; more');
    expect(quoted).to.include('line 9');
  });

  it('shows the owner and the decision buttons while claimed, none once handed back', () => {
    const view = milletView();
    view.escalation.status = 'claimed';
    view.escalation.agent = { id: 'U0AGENT01', name: '客服小王' };
    const claimed = caseCard(view, { lang: 'en', now: NOW });
    expect(claimed.text).to.equal('RB-20261120-0001 · Quality problem — Held by 客服小王');
    expect(buttons(claimed)).to.deep.equal(['rb_approve_refund', 'rb_approve_exchange', 'rb_approve_reship', 'rb_reject', 'rb_hand_back', 'rb_close']);
    view.case!.status = 'refused';
    expect(buttons(caseCard(view, { lang: 'en', now: NOW }))).to.deep.equal(['rb_hand_back', 'rb_close']);
    view.escalation.status = 'returned';
    expect(buttons(caseCard(view, { lang: 'en', now: NOW }))).to.deep.equal([]);
    expect(text(caseCard(view, { lang: 'en', now: NOW }))).to.include('First feedback: —');
  });

  it('marks the SLA: due, given, breached', () => {
    const view = milletView();
    expect(text(caseCard(view, { lang: 'en', now: NOW }))).to.match(/First feedback: due <!date\^\d+\^\{date_short_pretty\} \{time\}\|2026-11-21 02:00 UTC> \(in 24 h\)/);
    view.escalation.firstResponseAt = '2026-11-20T03:00:00.000Z';
    expect(text(caseCard(view, { lang: 'en', now: NOW }))).to.include('First feedback: done <!date^');
    expect(text(caseCard(view, { lang: 'en', now: new Date('2026-11-22T03:00:00.000Z') }))).to.include('Review: :rotating_light: *BREACHED*');
  });

  it('keeps within Block Kit limits for long descriptions', () => {
    const view = milletView();
    view.case!.description = '发霉'.repeat(3000);
    const card = caseCard(view, { lang: 'en', now: NOW });
    for (const block of card.blocks) {
      if (block.type === 'section' && block.text) expect(block.text.text.length).to.be.at.most(3000);
    }
    expect(card.blocks.length).to.be.at.most(50);
  });

  it('says how long is left', () => {
    expect(timeLeft('2026-11-20T03:00:00.000Z', NOW, 'en')).to.equal('in 30 min');
    expect(timeLeft('2026-11-20T05:00:00.000Z', NOW, 'zh-Hans')).to.equal('还剩 3 小时');
    expect(timeLeft('2026-11-20T02:00:00.000Z', NOW, 'en')).to.equal('over');
  });

  it('asks for the reject reason in a modal that carries the escalation id', () => {
    const modal = rejectModal('esc-9', 'zh-Hans', 'en');
    expect(modal).to.include({ callback_id: 'rb_reject_reason', private_metadata: 'esc-9' });
    expect(JSON.stringify(modal.blocks)).to.include("customer's language (zh-Hans)");
  });
});
