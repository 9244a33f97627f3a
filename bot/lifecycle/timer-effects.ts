import type { Engine } from '../engine.js';
import type { DueTimer } from '../records.js';
import type { Store } from '../store.js';
import { restoreState } from '../../dialogs/state.js';
import { asksPhotos } from './follow-up-timers.js';
import { conversationRef } from '../conversation-id.js';

/**
 * What a due timer does, as a turn of the conversation it concerns, done once per timer id. A
 * timer whose reason has gone (the parcel arrived, the photos came) does nothing.
 */
export function timerEffects(engine: Engine, store: Store): (timer: DueTimer) => Promise<void> {
  return async timer => {
    const actionKey = { channel: 'timer', messageId: String(timer.id) };
    switch (timer.kind) {
      case 'parcel_reminder':
      case 'refund_due': {
        const found = await store.findCase(timer.subject);
        if (!found) return;
        await engine.act({ conversationId: found.conversationId, channel: found.channel, userId: found.userId }, actionKey, async context => {
          const record = (await store.findCase(timer.subject))!;
          const at = context.now.toISOString();
          if (timer.kind === 'parcel_reminder') {
            if (record.status !== 'awaiting_parcel') return { changes: null, result: undefined };
            const slip = context.replies.text('slip', { orderId: record.orderId, reason: context.replies.text(`problem.${record.reason}`) });
            context.replies.say('notify.parcel_reminder', { caseId: record.id, slip });
            return { changes: {}, result: undefined };
          }
          if (record.status !== 'parcel_received' && record.status !== 'inspection_passed') return { changes: null, result: undefined };
          // The promise to refund within a working day of the parcel is broken: it stays on the case's record.
          return { changes: { cases: [{ kind: 'transition', caseId: record.id, to: record.status, patch: {}, event: { caseId: record.id, from: record.status, to: record.status, actor: 'system', note: 'refund overdue', at } }] }, result: undefined };
        }, undefined);
        return;
      }
      case 'photos_reminder': {
        await engine.act(conversationRef(timer.subject), actionKey, async context => {
          if (!asksPhotos(restoreState(context.conversation.state))) return { changes: null, result: undefined };
          context.replies.say('notify.photos_reminder');
          return { changes: {}, result: undefined };
        }, undefined);
        return;
      }
    }
  };
}
