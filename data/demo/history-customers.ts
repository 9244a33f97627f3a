import type { Customer } from '../../bot/records.js';
import type { Lang } from '../../bot/messages.js';

/**
 * The shoppers of the demo history (history.ts): their own customers H001–H040, so that the demo
 * customers C001–C005, whom people try the chat as, have no past cases in their status answers.
 * Mostly regular customers, a few members, one restaurant buying wholesale.
 */
interface Shopper {
  name: string;
  tier?: Customer['tier'];
  lang?: Lang;
}

const SHOPPERS: Shopper[] = [
  { name: '张伟' }, { name: '刘洋', tier: 'member' }, { name: '陈静' }, { name: '杨帆' }, { name: '赵丽' },
  { name: '黄磊' }, { name: '周敏', tier: 'member' }, { name: '吴婷' }, { name: '徐强' }, { name: '孙悦' },
  { name: 'Emily Chen', lang: 'en' }, { name: '马超' }, { name: '朱琳' }, { name: '胡军' }, { name: '郭佳', tier: 'member' },
  { name: '何欣' }, { name: '高鹏' }, { name: '林志豪', lang: 'zh-Hant' }, { name: '罗婧' }, { name: '郑凯' },
  { name: '梁晓燕' }, { name: 'David Liu', lang: 'en' }, { name: '谢娜' }, { name: '宋涛', tier: 'member' }, { name: '唐晶' },
  { name: '许文', tier: 'member' }, { name: '韩雪' }, { name: '冯博' }, { name: '邓丽君', lang: 'zh-Hant' }, { name: '曹阳' },
  { name: '彭鑫' }, { name: '曾慧' }, { name: 'Sarah Johnson', lang: 'en' }, { name: '蒋楠' }, { name: '蔡敏' },
  { name: '田甜' }, { name: '董浩' }, { name: '潘玉' }, { name: '袁野' }, { name: '好味道餐厅', tier: 'wholesale' },
];

export interface HistoryCustomer {
  customer: Customer;
  lang: Lang;
}

/** Mainland mobile numbers for Simplified-Chinese and English speakers, Taiwanese ones (09…) for Traditional. */
function phoneOf(index: number, lang: Lang): string {
  const digits = String(index * 7919 + 1021).padStart(4, '0').slice(-4);
  return lang === 'zh-Hant' ? `0918${String(index).padStart(2, '0')}${digits}` : `1${36 + (index % 4)}5566${digits}`;
}

export const HISTORY_CUSTOMERS: HistoryCustomer[] = SHOPPERS.map((s, i) => {
  const lang = s.lang ?? 'zh-Hans';
  const id = `H${String(i + 1).padStart(3, '0')}`;
  return { customer: { id, name: s.name, phone: phoneOf(i + 1, lang), tier: s.tier ?? 'regular' }, lang };
});

/**
 * How often each shopper orders: the restaurant about as often as a shopper (5 % of orders, as
 * before), everyone else from 1 to 4 shares so a few regulars come back often.
 */
export const BUYER_WEIGHTS: [string, number][] = HISTORY_CUSTOMERS.map(({ customer }, i) => [
  customer.id,
  customer.tier === 'wholesale' ? 5 : 1 + ((i * 7) % 4),
]);
