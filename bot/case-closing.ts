import { askSurvey } from '../dialogs/survey.js';
import type { ActContext } from './engine.js';
import type { CaseEvent, CaseRecord, CaseWrite } from './records.js';

/** Closes a case and puts the satisfaction question to its customer, in the same turn. */
export function closeWithSurvey(context: ActContext, current: CaseRecord, actor: CaseEvent['actor'], note: string): CaseWrite {
  context.state.step = askSurvey(current.id, context.replies);
  const at = context.now.toISOString();
  return { kind: 'transition', caseId: current.id, to: 'closed', patch: {}, event: { caseId: current.id, from: current.status, to: 'closed', actor, note, at } };
}
