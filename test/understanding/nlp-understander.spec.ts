import { expect } from 'chai';
import * as OpenCC from 'opencc-js';
import type { Intent, StatedProblem, Understanding } from '../../bot/understanding.js';
import { NlpUnderstander } from '../../dialogs/understanding/nlp/nlp-understander.js';
import { contextFor } from './support.js';

describe('NlpUnderstander (offline, NLP.js + extractors)', () => {
  let nlu: NlpUnderstander;
  before(async () => { nlu = await NlpUnderstander.create(); });
  const understand = (text: string) => nlu.understand(text, contextFor());

  describe('a message with several facts gives all of them at once', () => {
    it('zh-Hans: 我昨天收到的小米有发霉的,订单号是123456', async () => {
      expect(await understand('我昨天收到的小米有发霉的,订单号是123456')).to.deep.include({
        intent: 'quality_spoiled', problem: 'quality', lang: 'zh-Hans', orderId: '123456', receivedOn: '2026-11-19', skus: ['MILLET-500'],
      });
    });

    it('zh-Hant: date, item, all of them, wish, order and phone digits', async () => {
      expect(await understand('上週二收到的紅豆全部都發黴了,想退款,訂單500001,手機尾號0011')).to.deep.include({
        intent: 'quality_spoiled', problem: 'quality', lang: 'zh-Hant', receivedOn: '2026-11-10', skus: ['BEANS-1KG'],
        quantity: 'all', wish: 'refund', orderId: '500001', phoneDigits: '0011',
      });
    });

    it('en: "last Tuesday", a crushed box, two mugs, an exchange wish', async () => {
      expect(await understand('Got 2 mugs last Tuesday, both cracked and the box was crushed. Order #400001, phone ending in 2468, I want an exchange')).to.deep.include({
        intent: 'damaged_or_defective', problem: 'transit_damage', parcelDamaged: true, lang: 'en', receivedOn: '2026-11-10',
        skus: ['MUG-350'], quantity: 'all', wish: 'exchange', orderId: '400001', phoneDigits: '2468',
      });
    });

    it('mixed zh/en: a faulty lamp is a defect, a quality matter for the rules', async () => {
      expect(await understand('前天到的desk lamp完全不亮,order 200001,尾号1234')).to.deep.include({
        intent: 'damaged_or_defective', problem: 'quality', receivedOn: '2026-11-18', skus: ['LAMP-LED'], orderId: '200001', phoneDigits: '1234',
      });
    });
  });

  describe('the conventions of intent-labels.md', () => {
    const cases: [string, Intent][] = [
      ['坏了,给我换一个', 'damaged_or_defective'], // the problem beats the action
      ["it's defective, I want a refund", 'damaged_or_defective'],
      ['颜色跟图片不一样,我要退货', 'not_as_described'],
      ['我要取消订单,不想要了', 'cancel_order'], // an explicit cancellation stays cancel_order
      ['please cancel my order, I bought it by mistake', 'cancel_order'],
      ['少了一袋米', 'missing_item'], // not received in any form
      ["package says delivered but it's not here", 'missing_item'],
      ['the box was empty', 'missing_item'],
      ['小米发霉了', 'quality_spoiled'], // spoiled is about perishables
      ['the bread was stale', 'quality_spoiled'],
      ['屏幕碎了', 'damaged_or_defective'],
      ['退款怎么还没到,太慢了,气死了', 'status_query'], // progress, even when angry
      ['转人工', 'human_agent'],
      ['杯子碎了,转人工', 'damaged_or_defective'], // a named problem beats asking for a person
      ['拆封了还能退吗', 'policy_question'],
      ['拍错了', 'changed_mind'],
      ['你好', 'other'],
    ];
    for (const [text, intent] of cases) {
      it(`${text} → ${intent}`, async () => {
        expect((await understand(text)).intent).to.equal(intent);
      });
    }
  });

  it('the stated problem always agrees with the intent', async () => {
    const allowed: Partial<Record<Intent, (StatedProblem | undefined)[]>> = {
      quality_spoiled: ['quality'],
      damaged_or_defective: ['damaged', 'transit_damage', 'quality'],
      wrong_item: ['wrong_item'],
      missing_item: ['missing_item'],
      not_as_described: ['not_as_described'],
      changed_mind: ['changed_mind'],
    };
    const texts = ['香菇长毛了', '水壶烧不开水', '箱子压扁了杯子也碎了', '发错货了', '包裹是空的', '实物比图片小', '买多了', '我要退货', '转人工', '退款到哪了', '取消订单,杯子碎了'];
    for (const text of texts) {
      const { intent, problem } = await understand(text);
      expect(allowed[intent] ?? [undefined], `${text}: ${intent}/${problem}`).to.include(problem);
    }
  });

  it('answers to the bot\'s questions are not mistaken for problems', async () => {
    for (const text of ['5678', '确认', 'Confirm', '2', '全部', 'the rice', '水壶', 'Dried shiitake 250g', 'I meant the kettle', '不是这个,是大米', 'start over', '5 stars']) {
      const { intent, problem } = await understand(text);
      expect({ intent, problem }, text).to.deep.equal({ intent: 'other', problem: undefined });
    }
  });

  it('reads Traditional Chinese exactly as Simplified', async () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const same = ({ intent, problem, orderId, phoneDigits, skus, quantity, receivedOn, wish }: Understanding) => ({ intent, problem, orderId, phoneDigits, skus, quantity, receivedOn, wish });
    const texts = ['我昨天收到的小米有发霉的,订单号是123456', '台灯颜色和图片差太多了,能换一个吗?订单200001', '杯子买错了,不想要了', '我的退款进度怎么样了', '请帮我转接客服人员', '箱子压坏了,水壶也摔坏了,订单500002,尾号0011', '发错货了,我买的是红豆'];
    for (const text of texts) {
      const traditional = toTraditional(text);
      expect(traditional, 'the test should really convert').to.not.equal(text);
      expect(same(await understand(traditional)), traditional).to.deep.equal(same(await understand(text)));
    }
  });
});
