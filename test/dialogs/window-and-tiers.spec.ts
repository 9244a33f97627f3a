import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';

describe('the return window and customer tiers', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  it('zh-Hans: delivered 10 days ago → refused kindly with the delivery date', async () => {
    await chat(bot)
      .customer('水壶坏了,不能用,订单123457').bot(/后四位/)
      .customer('5678').bot(/拍照/)
      .photo(pngPhoto(40)).bot(/请核对/)
      .customer('确认').bot(/无法受理/, /签收后 7 天内/, /2026-11-10 签收/)
      .caseIs({ status: 'refused', decision: { reasons: ['window.expired'] } });
  });

  it('en: delivered 10 days ago → refused in English', async () => {
    await chat(bot)
      .customer('The kettle stopped working. Order 123457, phone ending in 5678').bot(/photos/)
      .photo(pngPhoto(41)).bot(/Please check/)
      .customer('Yes').bot(/within 7 days of delivery/, /delivered on 2026-11-10/);
  });

  // Order 123458 was signed for on 2026-11-18 (Shanghai); the server runs on UTC instants.
  it('zh-Hant: day 7 at 23:59 in Shanghai (15:59 UTC) is still within the window', async () => {
    bot.clock.current = new Date('2026-11-25T15:59:00Z');
    await chat(bot)
      .customer('香菇發霉了,訂單123458,尾號5678').bot(/拍照/)
      .photo(pngPhoto(42)).bot(/請核對/)
      .customer('確認').bot(/簽收後 7 天內/).botNot(/無法受理/)
      .customer('換貨').bot(/工單號是 RB-20261125-/);
  });

  it('zh-Hant: day 8 at 00:00 in Shanghai (16:00 UTC, still the 25th in UTC) is past it', async () => {
    bot.clock.current = new Date('2026-11-25T16:00:00Z');
    await chat(bot)
      .customer('香菇發霉了,訂單123458,尾號5678').bot(/拍照/)
      .photo(pngPhoto(42)).bot(/請核對/)
      .customer('確認').bot(/無法受理/, /2026-11-18 簽收/, /RB-20261126-/);
  });

  it('zh-Hans: a member gets a 899 refund at once thanks to the higher limit', async () => {
    await chat(bot)
      .customer('台灯不亮了,我要退款,订单200001,尾号1234').bot(/拍照/)
      .photo(pngPhoto(43)).bot(/请核对/)
      .customer('确认').bot(/作为会员,您享有更高的直接退款额度/, /工单号是/)
      .caseIs({ status: 'awaiting_parcel', outcome: 'refund', decision: { refundCents: 89900 } });
  });

  it('zh-Hans: a wholesale buyer\'s case goes to the dedicated agent', async () => {
    await chat(bot)
      .customer('大米生虫了,订单300001,尾号9999').bot(/几件/)
      .customer('10袋').bot(/拍照/)
      .photo(pngPhoto(44)).bot(/请核对/, /数量: 10/)
      .customer('确认').bot(/需要同事审核/, /专属客服/)
      .caseIs({ status: 'awaiting_person', quantity: 10, decision: { needsPerson: true } });
  });
});
