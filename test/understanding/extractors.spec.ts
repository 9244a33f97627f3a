import { expect } from 'chai';
import { extractCaseId, extractOrderId, extractPhoneDigits, extractQuantity, extractReceivedOn, extractScore } from '../../dialogs/understanding/extractors.js';
import { detectLang, normalize } from '../../dialogs/understanding/script.js';

describe('deterministic extractors', () => {
  const now = new Date('2026-11-20T01:00:00Z'); // 09:00 on the 20th in Shanghai

  it('order numbers: labelled, bare, full-width digits; never a mobile number or a case id', () => {
    expect(extractOrderId(normalize('订单号是123456'))).to.equal('123456');
    expect(extractOrderId(normalize('訂單號:１２３４５６'))).to.equal('123456');
    expect(extractOrderId(normalize('order #400001 please'))).to.equal('400001');
    expect(extractOrderId(normalize('我的手机13800135678'))).to.equal(undefined);
    expect(extractOrderId(normalize('RB-20261120-0001'))).to.equal(undefined);
  });

  it('phone digits: labelled tails, whole mobiles, a bare 4-digit answer', () => {
    expect(extractPhoneDigits(normalize('尾号5678'))).to.equal('5678');
    expect(extractPhoneDigits(normalize('phone ending with 2468'))).to.equal('2468');
    expect(extractPhoneDigits(normalize('order 400001, my phone ends in 2468'))).to.equal('2468');
    expect(extractPhoneDigits(normalize('13800135678'))).to.equal('5678');
    expect(extractPhoneDigits(normalize(' 1234 '))).to.equal('1234');
    expect(extractPhoneDigits(normalize('订单123456'))).to.equal(undefined);
  });

  it('case ids in any spacing', () => {
    expect(extractCaseId(normalize('RB-20261120-0001 到哪了'))).to.equal('RB-20261120-0001');
    expect(extractCaseId(normalize('rb202611200001'))).to.equal('RB-20261120-0001');
  });

  it('quantities with units, words, "all", and bare numbers only when alone', () => {
    expect(extractQuantity('两袋发霉了')).to.equal(2);
    expect(extractQuantity('two bags were mouldy')).to.equal(2);
    expect(extractQuantity('全部')).to.equal('all');
    expect(extractQuantity('3')).to.equal(3);
    expect(extractQuantity('订单123456')).to.equal(undefined);
  });

  it('relative dates resolve in the shop time zone, not the server\'s', () => {
    const lateEvening = new Date('2026-11-19T17:00:00Z'); // 01:00 on the 20th in Shanghai
    expect(extractReceivedOn('昨天收到的', lateEvening, 'Asia/Shanghai')).to.equal('2026-11-19');
    expect(extractReceivedOn('前天', now, 'Asia/Shanghai')).to.equal('2026-11-18');
    expect(extractReceivedOn('3天前', now, 'Asia/Shanghai')).to.equal('2026-11-17');
    expect(extractReceivedOn('it came yesterday', now, 'Asia/Shanghai')).to.equal('2026-11-19');
  });

  it('weekdays: 上周二 and "last Tuesday" are last week\'s, 周二 alone the latest one, never the future', () => {
    // The 20th is a Friday; Monday-to-Sunday weeks.
    expect(extractReceivedOn('上周二收到的', now, 'Asia/Shanghai')).to.equal('2026-11-10');
    expect(extractReceivedOn(normalize('上禮拜二'), now, 'Asia/Shanghai')).to.equal('2026-11-10');
    expect(extractReceivedOn('上上周五', now, 'Asia/Shanghai')).to.equal('2026-11-06');
    expect(extractReceivedOn('got it last tuesday', now, 'Asia/Shanghai')).to.equal('2026-11-10');
    expect(extractReceivedOn('周二到的', now, 'Asia/Shanghai')).to.equal('2026-11-17');
    expect(extractReceivedOn('it came on tuesday', now, 'Asia/Shanghai')).to.equal('2026-11-17');
    expect(extractReceivedOn('星期天', now, 'Asia/Shanghai')).to.equal('2026-11-15');
    expect(extractReceivedOn('this monday', now, 'Asia/Shanghai')).to.equal('2026-11-16');
    expect(extractReceivedOn('这周日', now, 'Asia/Shanghai')).to.equal(undefined);
    expect(extractReceivedOn('退货寄回去一周了', now, 'Asia/Shanghai')).to.equal(undefined);
  });

  it('scores 1–5 alone', () => {
    expect(extractScore('5')).to.equal(5);
    expect(extractScore('4分')).to.equal(4);
    expect(extractScore('3 stars')).to.equal(3);
    expect(extractScore('6')).to.equal(undefined);
    expect(extractScore('订单5')).to.equal(undefined);
  });

  it('language: Simplified, Traditional, English; shared characters keep the current one', () => {
    expect(detectLang('我昨天收到的小米有发霉的', null)).to.equal('zh-Hans');
    expect(detectLang('我前天收到的香菇發霉了,訂單號123458', null)).to.equal('zh-Hant');
    expect(detectLang('the lamp is broken', null)).to.equal('en');
    expect(detectLang('好的', 'zh-Hant')).to.equal('zh-Hant');
    expect(detectLang('ok', 'zh-Hans')).to.equal(null);
    expect(detectLang('😡😡😡', 'en')).to.equal(null);
  });
});
