import { expect } from 'chai';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';
import { lifecycleOf, mugReturn } from './lifecycle-support.js';

describe('after the chat: the case lifecycle told to the customer without asking', () => {
  let bot: TestBot;
  let life: ReturnType<typeof lifecycleOf>;
  beforeEach(async () => {
    bot = await startTestBot();
    life = lifecycleOf(bot);
  });
  afterEach(async () => bot.close());

  const statuses = async (caseId: string) => (await bot.store.caseEvents(caseId)).map(event => event.to);

  it('zh-Hans: quality return → parcel → inspection passed → refund → survey answered', async () => {
    const { c, caseId } = await mugReturn(bot, 'wang', '退款');
    expect((await bot.store.findCase(caseId))!.status).to.equal('awaiting_parcel');
    expect(await life.report(caseId, { kind: 'parcel', status: 'picked_up', trackingNumber: 'SF1234567890' })).to.deep.equal({ ok: true, status: 'parcel_in_transit', duplicate: false });
    await life.report(caseId, { kind: 'parcel', status: 'delivered' });
    expect(life.channel.textsTo('wang')).to.match(/退货包裹我们已经收到,将在 2026-11-21 前为您处理退款/);
    await life.report(caseId, { kind: 'inspection', result: 'passed', disposition: 'factory_repair', photos: [] }, 'warehouse');
    expect(life.channel.textsTo('wang')).to.match(/检验通过/);
    await life.report(caseId, { kind: 'refund', amountCents: 3900, reference: 'PAY-1' }, 'operations');
    expect(life.channel.textsTo('wang')).to.match(/退款 ¥39\.00 已处理,1–3 个工作日到账/).and.match(/已完成.*满意/);
    expect(await statuses(caseId)).to.deep.equal(['approved', 'awaiting_parcel', 'parcel_in_transit', 'parcel_received', 'inspection_passed', 'refunded', 'closed']);
    await c.customer('5').bot(/改进/).customer('很满意').bot(/感谢/);
    const history = await bot.store.caseEvents(caseId);
    expect(history.map(event => event.actor)).to.deep.equal(['bot', 'bot', 'courier', 'courier', 'warehouse', 'system', 'system']);
  });

  it('en: quality return → parcel → inspection passed → refund → survey answered', async () => {
    const c = chat(bot, 'alice');
    await c.customer('the mug from order 400001 is defective, I want a refund, phone ending 2468').customer('1').photo(pngPhoto(220)).customer('Confirm').bot(/case number/);
    const caseId = (await c.latestCase())!.id;
    await life.report(caseId, { kind: 'parcel', status: 'picked_up' });
    await life.report(caseId, { kind: 'parcel', status: 'delivered' });
    await life.report(caseId, { kind: 'inspection', result: 'passed', photos: [] }, 'warehouse');
    await life.report(caseId, { kind: 'refund', amountCents: 3900, reference: 'PAY-2' }, 'operations');
    expect(life.channel.textsTo('alice')).to.match(/received your parcel for case RB-.*refund will be processed by 2026-11-21/)
      .and.match(/passed inspection/).and.match(/refund of ¥39\.00 .* has been processed; it arrives in 1–3 working days/).and.match(/from 1 \(poor\) to 5/);
    await c.customer('4').bot(/anything we could do better/).customer('Skip').bot(/Thank you for your feedback/);
    expect(bot.store.db.prepare('SELECT score FROM case_feedback WHERE case_id = ?').get(caseId)).to.deep.equal({ score: 4 });
  });

  it('zh-Hant: quality return → parcel → inspection passed → refund → survey answered', async () => {
    const c = chat(bot, 'lin');
    await c.customer('水壺壞了,不能用,訂單500002,尾號0011').photo(pngPhoto(221)).customer('確認').customer('退款').bot(/工單號是/);
    const caseId = (await c.latestCase())!.id;
    await life.report(caseId, { kind: 'parcel', status: 'delivered' });
    await life.report(caseId, { kind: 'inspection', result: 'passed', photos: [] }, 'warehouse');
    await life.report(caseId, { kind: 'refund', amountCents: 19900, reference: 'PAY-3' }, 'operations');
    expect(life.channel.textsTo('lin')).to.match(/退貨包裹我們已經收到/).and.match(/檢驗通過/).and.match(/退款 ¥199\.00 已處理/).and.match(/滿意/);
    await c.customer('5分').bot(/改進/).customer('跳過').bot(/感謝您的反饋|感謝/);
  });

  it('en: a failed inspection reaches the customer with its reason and the photos are kept', async () => {
    const c = chat(bot, 'alice');
    await c.customer('the mug from order 400001 is defective, I want a refund, phone ending 2468').customer('1').photo(pngPhoto(210)).customer('Confirm').bot(/case number/);
    const caseId = (await c.latestCase())!.id;
    await life.report(caseId, { kind: 'parcel', status: 'delivered' });
    const result = await life.report(caseId, { kind: 'inspection', result: 'failed', reason: 'the mug was used and is scratched', photos: [{ name: 'scratch.png', data: pngPhoto(211) }] }, 'warehouse');
    expect(result).to.deep.include({ ok: true, status: 'inspection_failed' });
    expect(life.channel.textsTo('alice')).to.match(/did not pass inspection: the mug was used and is scratched/);
    const note = (await bot.store.caseEvents(caseId)).at(-1)!.note;
    const photoId = /photo:([0-9a-f]{64})/.exec(note)![1]!;
    expect(await bot.store.readPhoto(photoId)).to.deep.include({ mime: 'image/png' });
  });

  it('zh-Hant: a courier exception tells the customer we are on it, and the case keeps its step', async () => {
    const c = chat(bot, 'lin');
    await c.customer('水壺壞了,不能用,訂單500002,尾號0011').bot(/拍照/).photo(pngPhoto(212)).customer('確認').customer('退款').bot(/工單號是/, /退貨-訂單號500002/);
    const caseId = (await c.latestCase())!.id;
    await life.report(caseId, { kind: 'parcel', status: 'in_transit' });
    expect(await life.report(caseId, { kind: 'parcel', status: 'exception', note: 'address unclear' })).to.deep.include({ ok: true, status: 'parcel_in_transit' });
    expect(life.channel.textsTo('lin')).to.match(/運輸中出現異常\(address unclear\)。我們正在處理/);
  });

  it('exchange → replacement shipped with its tracking number, then the survey', async () => {
    const { caseId } = await mugReturn(bot, 'wang', '换货');
    await life.report(caseId, { kind: 'parcel', status: 'delivered' });
    expect(life.channel.textsTo('wang')).to.match(/退货包裹我们已经收到,仓库正在检验/);
    await life.report(caseId, { kind: 'inspection', result: 'passed', disposition: 'restock', photos: [] }, 'warehouse');
    await life.report(caseId, { kind: 'replacement', trackingNumber: 'YT9988', carrier: '圆通' }, 'warehouse');
    expect(life.channel.textsTo('wang')).to.match(/新商品已发出:圆通,运单号 YT9988/).and.match(/满意/);
    expect((await bot.store.findCase(caseId))!.status).to.equal('closed');
  });

  it('refuses steps out of order and applies an event id once', async () => {
    const { caseId } = await mugReturn(bot, 'wang', '退款');
    expect(await life.report(caseId, { kind: 'refund', amountCents: 3900, reference: 'X' }, 'operations')).to.deep.include({ ok: false, problem: 'illegal_transition' });
    expect(await life.report(caseId, { kind: 'parcel', status: 'delivered' }, 'courier', 'same')).to.deep.include({ ok: true, duplicate: false });
    expect(await life.report(caseId, { kind: 'parcel', status: 'delivered' }, 'courier', 'same')).to.deep.equal({ ok: true, status: 'parcel_received', duplicate: true });
    expect(life.channel.textsTo('wang').match(/退货包裹我们已经收到/g)).to.have.length(1);
    expect(await life.report('RB-20991231-0001', { kind: 'parcel', status: 'delivered' })).to.deep.include({ ok: false, problem: 'not_found' });
  });

  it('zh-Hans: status at any time shows the steps with their dates', async () => {
    const { c, caseId } = await mugReturn(bot, 'wang', '退款');
    bot.clock.advanceDays(1);
    await life.report(caseId, { kind: 'parcel', status: 'picked_up' });
    bot.clock.advanceDays(1);
    await life.report(caseId, { kind: 'parcel', status: 'exception', note: '地址不详' });
    expect(life.channel.textsTo('wang')).to.match(/运输中出现异常\(地址不详\)。我们正在处理/);
    await c.customer('我的退货到哪了?').bot(/退货包裹运输中/, /2026-11-20 10:00 · 已批准/, /2026-11-20 10:00 · 等待您寄回商品/, /2026-11-21 10:00 · 退货包裹运输中/);
  });
});
