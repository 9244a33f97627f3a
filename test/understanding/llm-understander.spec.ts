import { expect } from 'chai';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { KeywordUnderstander } from '../../dialogs/understanding/keyword-understander.js';
import { LlmUnderstander, type FallbackReason } from '../../dialogs/understanding/llm/llm-understander.js';
import { contextFor } from './support.js';

/** A provider that fails outright (network down, bad key). */
class FailingChatModel extends FakeListChatModel {
  override async _generate(): Promise<never> {
    throw new Error('connection refused');
  }
}

describe('LlmUnderstander (LangChain, offline fallback)', () => {
  const offline = new KeywordUnderstander();
  const fallbacks: FallbackReason[] = [];
  const withModel = (model: FakeListChatModel, timeoutMs = 1000) =>
    new LlmUnderstander({ model, offline, timeoutMs, onFallback: reason => fallbacks.push(reason) });
  beforeEach(() => { fallbacks.length = 0; });

  it('takes the intent, items and wish the model reads; numbers and dates stay the extractors\'', async () => {
    const answer = '```json\n{"intent":"damaged_or_defective","damage":"not_working","items":["电热水壶"],"wish":"exchange","parcelDamaged":null,"upset":false,"orderId":"999999"}\n```';
    const understanding = await withModel(new FakeListChatModel({ responses: [answer] })).understand('昨天到的烧水的那个家伙罢工了,订单123457', contextFor());
    expect(understanding).to.deep.include({
      intent: 'damaged_or_defective', problem: 'quality', skus: ['KETTLE-17'], wish: 'exchange', orderId: '123457', receivedOn: '2026-11-19',
    });
    expect(fallbacks).to.deep.equal([]);
  });

  it('keeps the problem consistent with the model\'s intent, the parcel rule included', async () => {
    const answer = '{"intent":"damaged_or_defective","damage":"broken","items":[],"parcelDamaged":true,"upset":false}';
    const understanding = await withModel(new FakeListChatModel({ responses: [answer] })).understand('the thing came in bits', contextFor('en'));
    expect(understanding).to.deep.include({ intent: 'damaged_or_defective', problem: 'transit_damage', parcelDamaged: true });
  });

  it('never takes anything outside the schema: an outcome or an amount is not the model\'s to decide', async () => {
    const answer = '{"intent":"return_request","items":[],"wish":"refund","outcome":"refund","refundCents":99900,"upset":false}';
    const understanding = await withModel(new FakeListChatModel({ responses: [answer] })).understand('just give me the money back', contextFor('en'));
    expect(understanding).to.not.have.any.keys('outcome', 'refundCents', 'damage', 'items');
    expect(understanding).to.deep.include({ intent: 'return_request', wish: 'refund' });
  });

  it('answers offline when the model\'s answer is not JSON', async () => {
    const understanding = await withModel(new FakeListChatModel({ responses: ['Sure! The customer seems unhappy.'] })).understand('小米发霉了,订单123456', contextFor());
    expect(understanding).to.deep.equal(await offline.understand('小米发霉了,订单123456', contextFor()));
    expect(fallbacks).to.deep.equal(['invalid']);
  });

  it('answers offline when the JSON does not fit the schema', async () => {
    const understanding = await withModel(new FakeListChatModel({ responses: ['{"intent":"refund_now","items":"kettle"}'] })).understand('我要退款', contextFor());
    expect(understanding.intent).to.equal('return_request');
    expect(fallbacks).to.deep.equal(['invalid']);
  });

  it('answers offline when the model is too slow, without waiting for it', async () => {
    const slow = new FakeListChatModel({ responses: ['{"intent":"other"}'], sleep: 2000 });
    const start = Date.now();
    const understanding = await withModel(slow, 100).understand('转人工', contextFor());
    expect(Date.now() - start).to.be.below(1000);
    expect(understanding.intent).to.equal('human_agent');
    expect(fallbacks).to.deep.equal(['timeout']);
  });

  it('answers offline when the provider fails', async () => {
    const understanding = await withModel(new FailingChatModel({ responses: [] })).understand('the mug is broken', contextFor('en'));
    expect(understanding).to.deep.include({ intent: 'damaged_or_defective', problem: 'damaged' });
    expect(fallbacks).to.deep.equal(['error']);
  });
});
