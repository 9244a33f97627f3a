import type { DialogTurn, Replies } from './context.js';
import { localDateTime } from '../policies/local-time.js';

const SHOWN = 5;

/** Where the customer's cases stand, newest first; only cases of this contact or its customer. */
export async function reportStatus(turn: DialogTurn, replies: Replies, caseId: string | undefined): Promise<void> {
  const all = await turn.services.casesFor(turn.conversation.id, turn.conversation.customerId);
  const asked = caseId ? all.filter(record => record.id === caseId) : [];
  const cases = (asked.length > 0 ? asked : all).slice(0, SHOWN);
  if (cases.length === 0) {
    replies.say('status.none');
    return;
  }
  const lines = await Promise.all(
    cases.map(async record => {
      const order = await turn.services.findOrder(record.orderId);
      const line = order?.lines.find(candidate => candidate.line === record.line);
      return replies.text('status.line', {
        caseId: record.id,
        item: line ? replies.productName(line) : record.sku,
        problem: replies.text(`problem.${record.reason}`),
        status: replies.text(`status.${record.status}`),
        since: localDateTime(record.updatedAt, turn.rules.timezone),
      });
    }),
  );
  replies.sayText([replies.text('status.header'), ...lines].join('\n'));
  const newest = cases[0]!;
  const history = await turn.services.caseHistory(newest.id);
  // Repeated statuses are notes (a courier exception, a missed deadline): the customer sees the steps.
  const steps = history.filter((event, index) => index === 0 || event.to !== history[index - 1]!.to);
  if (steps.length > 1) {
    const timeline = steps.map(event => replies.text('status.history_line', { at: localDateTime(event.at, turn.rules.timezone), status: replies.text(`status.${event.to}`) }));
    replies.sayText([replies.text('status.history', { caseId: newest.id }), ...timeline].join('\n'));
  }
}
