/**
 * The operations channel's message for an alert raised or cleared: what, since when, observed
 * against expected, in English and Simplified Chinese (the channel's readers may read either),
 * and a link to the console's dashboard filtered on the subject. Pure.
 */
import type { types } from '@slack/bolt';
import type { Alert, AlertKind } from '../../bot/operations/alert-store.js';
import { escapeMrkdwn, slackDate } from './mrkdwn.js';

export type AlertState = 'raised' | 'cleared';

const SUBJECT: Record<AlertKind, { en: string; zh: string }> = {
  batch: { en: 'batch', zh: '批次' },
  product: { en: 'product', zh: '商品' },
  supplier: { en: 'supplier', zh: '供应商' },
  step: { en: 'step', zh: '环节' },
};

/** The dashboard's filter for each kind of subject; a step has none. */
const FILTER: Partial<Record<AlertKind, string>> = { batch: 'batch', product: 'sku', supplier: 'supplier' };

/** `consoleUrl` is the console's address, e.g. https://shop.example/ops/ */
export function alertMessage(alert: Alert, state: AlertState, consoleUrl: string): { text: string; blocks: types.KnownBlock[] } {
  const { kind, details } = alert;
  const subject = escapeMrkdwn(details.subject);
  const what = { en: `${SUBJECT[kind].en} ${subject}`, zh: `${SUBJECT[kind].zh} ${subject}` };
  const title =
    state === 'cleared'
      ? { en: `:white_check_mark: Back to normal: ${what.en}`, zh: `已恢复正常：${what.zh}` }
      : kind === 'step'
        ? { en: `:warning: Step taking much longer than usual: ${what.en}`, zh: `环节耗时异常：${what.zh}` }
        : { en: `:warning: Return rate up: ${what.en}`, zh: `退货率异常升高：${what.zh}` };
  const body = state === 'cleared' ? clearedBody(alert) : raisedBody(alert);
  const filter = FILTER[kind];
  const link = `${consoleUrl}#/dashboard${filter ? `?${filter}=${encodeURIComponent(details.subject)}` : ''}`;
  return {
    text: `${title.en} · ${title.zh}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${title.en}*\n${body.en}` } },
      { type: 'section', text: { type: 'mrkdwn', text: `*${title.zh}*\n${body.zh}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${link}|Open the dashboard · 打开看板>` }] },
    ],
  };
}

function raisedBody({ kind, details }: Alert): { en: string; zh: string } {
  const { since, windowDays: days, observed, expected } = details;
  if (kind === 'step') {
    return {
      en: `Since ${since}: median ${hours(observed)} h in this step over the last ${days} days, usually ${hours(expected)} h.`,
      zh: `自 ${since} 起：近 ${days} 天在此环节的中位时长 ${hours(observed)} 小时，平时 ${hours(expected)} 小时。`,
    };
  }
  return {
    en: `Since ${since}: ${observed} units returned over the last ${days} days; its usual rate predicts ${expected.toFixed(1)}.`,
    zh: `自 ${since} 起：近 ${days} 天退货 ${observed} 件，按以往退货率预计约 ${expected.toFixed(1)} 件。`,
  };
}

function clearedBody({ raisedAt, details }: Alert): { en: string; zh: string } {
  return {
    en: `The anomaly since ${details.since} is gone (alert raised ${slackDate(raisedAt)}).`,
    zh: `自 ${details.since} 起的异常已消失（告警发出于 ${slackDate(raisedAt)}）。`,
  };
}

const hours = (value: number): string => value.toFixed(1);
