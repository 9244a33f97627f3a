import { LifecycleActions } from '../../bot/lifecycle/lifecycle-actions.js';
import type { LifecycleEvent } from '../../bot/backoffice.js';
import { pngPhoto } from '../support/images.js';
import type { TestBot } from '../support/test-bot.js';
import { chat, type Transcript } from '../support/transcript.js';
import { RecordingChannel } from '../desk/desk-support.js';

/** The real lifecycle on the test bot; what the customer is told arrives on `channel`. */
export function lifecycleOf(bot: TestBot) {
  const channel = new RecordingChannel('test');
  bot.engine.attach(channel);
  const actions = new LifecycleActions({ engine: bot.engine, store: bot.store, refundDueAt: at => new Date(at.getTime() + 86_400_000) });
  let eventCounter = 0;
  return {
    channel,
    actions,
    report: (caseId: string, event: LifecycleEvent, actor: 'courier' | 'warehouse' | 'operations' = 'courier', eventId = `e${++eventCounter}`) =>
      actions.apply(caseId, event, actor, eventId),
  };
}

/** A defective mug (goods: sent back) from order 123456, refunded or exchanged as the customer picks. */
export async function mugReturn(bot: TestBot, userId: string, choice: '退款' | '换货'): Promise<{ c: Transcript; caseId: string }> {
  const c = chat(bot, userId);
  await c.customer('订单123456的杯子坏了,漏水不能用,尾号5678').bot(/拍照/)
    .photo(pngPhoto(200 + userId.length)).bot(/请核对/)
    .customer('确认').bot(/您希望怎么处理/)
    .customer(choice).bot(/工单号是/, /退货-订单号123456-质量问题/);
  return { c, caseId: (await c.latestCase())!.id };
}
