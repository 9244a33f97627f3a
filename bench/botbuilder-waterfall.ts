/**
 * The same return conversation as a botbuilder-dialogs WaterfallDialog with prompts, on TestAdapter
 * and MemoryStorage: what the comparison in bench/turns.ts measures us against. Same customer
 * messages, same number of bot messages per turn (1, 1, 1, 2, 2, 2), same texts.
 */
import {
  ActivityTypes, CardFactory, ConversationState, MemoryStorage, MessageFactory, TestAdapter,
  type Activity, type Attachment, type TurnContext,
} from 'botbuilder';
import {
  AttachmentPrompt, ChoicePrompt, ConfirmPrompt, DialogSet, DialogTurnStatus, ListStyle, NumberPrompt, TextPrompt,
  WaterfallDialog, type DialogState, type FoundChoice, type WaterfallStepContext,
} from 'botbuilder-dialogs';

const LOCALE = 'zh-cn';

/** The only order this bot knows, held in memory (ours reads it from SQLite at every turn). */
const ORDERS: Record<string, { phone: string; item: string; quantity: number }> = {
  '123456': { phone: '5678', item: '小米 500g', quantity: 2 },
};

interface ReturnValues {
  order: string;
  quantity: string;
  photos: Attachment[];
}

export interface WaterfallBot {
  /** Runs one customer turn to its end (state saved) and returns the bot's messages. */
  turn(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}

export function waterfallBot(): WaterfallBot {
  const conversationState = new ConversationState(new MemoryStorage());
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const dialogs = new DialogSet(dialogState);
  let caseNumber = 0;

  // The first message carries the order number: the text prompt recognizes it from that message.
  dialogs.add(new TextPrompt('order', async (prompt) => prompt.recognized.succeeded && /\d{6}/.test(prompt.recognized.value ?? '')));
  dialogs.add(new NumberPrompt('phone', async (prompt) => prompt.recognized.succeeded && Number.isInteger(prompt.recognized.value), LOCALE));
  const quantity = new ChoicePrompt('quantity', undefined, LOCALE);
  quantity.style = ListStyle.suggestedAction;
  dialogs.add(quantity);
  dialogs.add(new AttachmentPrompt('photo', async (prompt) => (prompt.recognized.value ?? []).some((a) => a.contentType.startsWith('image/'))));
  const confirm = new ConfirmPrompt('confirm', undefined, LOCALE);
  confirm.style = ListStyle.suggestedAction;
  confirm.confirmChoices = ['确认', '需要修改'];
  dialogs.add(confirm);
  const outcome = new ChoicePrompt('outcome', undefined, LOCALE);
  outcome.style = ListStyle.suggestedAction;
  dialogs.add(outcome);

  const values = (step: WaterfallStepContext) => step.values as ReturnValues;
  dialogs.add(
    new WaterfallDialog('return', [
      async (step) => step.prompt('order', { retryPrompt: '请告诉我您的订单号(6 位数字)。' }),
      async (step) => {
        values(step).order = /\d{6}/.exec(step.result as string)![0];
        return step.prompt('phone', {
          prompt: `为保护您的隐私,请发送订单 ${values(step).order} 下单手机号的后四位。`,
          retryPrompt: '请发送下单手机号的后四位数字。',
        });
      },
      async (step) => {
        const order = ORDERS[values(step).order];
        if (!order || String(step.result).padStart(4, '0') !== order.phone) {
          await step.context.sendActivity('手机号后四位不对,请再试一次。');
          return step.endDialog();
        }
        return step.prompt('quantity', {
          prompt: `“${order.item}”有几件有问题?您收到了 ${order.quantity} 件。`,
          choices: ['1', '2', '全部'],
        });
      },
      async (step) => {
        values(step).quantity = (step.result as FoundChoice).value;
        return step.prompt('photo', { prompt: '请您把问题拍照发给我,1 到 5 张。', retryPrompt: '请发一张照片。' });
      },
      async (step) => {
        const v = values(step);
        v.photos = step.result as Attachment[];
        const order = ORDERS[v.order]!;
        await step.context.sendActivity(`照片已收到(第 ${v.photos.length} 张,最多 5 张)。`);
        const card = CardFactory.adaptiveCard({
          type: 'AdaptiveCard',
          version: '1.3',
          body: [
            { type: 'TextBlock', text: '您的申请', weight: 'Bolder' },
            {
              type: 'FactSet',
              facts: [
                { title: '订单', value: v.order },
                { title: '商品', value: order.item },
                { title: '数量', value: v.quantity },
                { title: '问题', value: '质量问题' },
                { title: '照片', value: String(v.photos.length) },
              ],
            },
          ],
        });
        return step.prompt('confirm', { prompt: MessageFactory.attachment(card, '请核对以下信息,都正确吗?') });
      },
      async (step) => {
        if (step.result !== true) return step.replaceDialog('return');
        await step.context.sendActivity('原因:\n• 您的申请在签收后 7 天内。\n• 质量问题包退换。\n• 有质量问题的食品不需要寄回。');
        return step.prompt('outcome', { prompt: '您希望怎么处理?', choices: ['退款', '换货'] });
      },
      async (step) => {
        caseNumber += 1;
        await step.context.sendActivity(`好了!您的工单号是 RB-20261120-${String(caseNumber).padStart(4, '0')}。`);
        await step.context.sendActivity('您不需要寄回任何东西。\n接下来:24 小时内首次反馈,48 小时内完成审核;退款 1–3 个工作日到账。');
        return step.endDialog({ ...values(step), outcome: (step.result as FoundChoice).value });
      },
    ]),
  );

  const logic = async (context: TurnContext) => {
    if (context.activity.type !== ActivityTypes.Message) return;
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      // Start the return and let its text prompt read this very message.
      await dc.beginDialog('return');
      await dc.continueDialog();
    }
    await conversationState.saveChanges(context);
  };
  const adapter = new TestAdapter(logic);

  return {
    async turn(activity) {
      // Each turn collects its own replies, so that turns of different customers may overlap.
      const replies: Partial<Activity>[] = [];
      await adapter.processActivity(activity, async (context) => {
        context.onSendActivities(async (_context, activities, next) => {
          replies.push(...activities);
          return next();
        });
        await logic(context);
      });
      adapter.activeQueue.length = 0;
      return replies;
    },
  };
}
