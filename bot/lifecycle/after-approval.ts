import type { Decision } from '../../policies/types.js';
import type { CaseWrite } from '../records.js';

/**
 * What follows an approval at once: when the goods must come back, the case waits for the parcel.
 * Written in the same turn as the approval, so the history shows both steps.
 */
export function afterApproval(caseId: string, decision: Decision, at: string): CaseWrite[] {
  if (!decision.returnRequired) return [];
  return [{ kind: 'transition', caseId, to: 'awaiting_parcel', patch: {}, event: { caseId, from: 'approved', to: 'awaiting_parcel', actor: 'bot', note: 'return parcel expected', at } }];
}
