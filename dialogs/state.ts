import type { Lang } from '../bot/messages.js';
import type { StatedProblem } from '../bot/understanding.js';
import type { Decision, Outcome } from '../policies/types.js';

/** Bumped when the stored shape changes: older state restarts the flow politely (botbuilder's getVersion). */
const FLOW_VERSION = 1;

export type SlotName = 'problem' | 'order' | 'phone' | 'item' | 'quantity' | 'description' | 'parcel' | 'condition' | 'photos';

export type Step =
  | { kind: 'idle' }
  | { kind: 'collecting'; asking: SlotName }
  | { kind: 'confirming' }
  | { kind: 'choosing'; decision: Decision }
  | { kind: 'survey'; caseId: string; score?: number };

/** The facts of the request being collected: explicit slots, never a replay log. */
export interface Claim {
  problem?: StatedProblem;
  wish?: Outcome;
  orderId?: string;
  verified: boolean;
  /** Products the customer named before the order was verified, to pick the line afterwards. */
  skuHints: string[];
  line?: number;
  /** 'all' until the line is known and says how many were received. */
  quantity?: number | 'all';
  receivedOn?: string;
  description?: string;
  parcelDamaged?: boolean;
  /** Unused and in its original packaging. */
  condition?: boolean;
  photoIds: string[];
}

export interface DialogState {
  flowVersion: number;
  lang: Lang;
  step: Step;
  claim: Claim;
  verifyFailures: number;
  /** After too many failed ownership checks, none is tried again before this instant. */
  verifyBlockedUntil?: string;
  /** Messages in a row that filled nothing: past the limit the bot offers a person. */
  misunderstood: number;
  /** Set when the customer asked for or was given to a person; the Slack hand-over reads it. */
  handoff: { reason: string; at: string } | null;
}

export const emptyClaim = (): Claim => ({ verified: false, skuHints: [], photoIds: [] });

function newState(lang: Lang): DialogState {
  return { flowVersion: FLOW_VERSION, lang, step: { kind: 'idle' }, claim: emptyClaim(), verifyFailures: 0, misunderstood: 0, handoff: null };
}

/** Stored state as the code knows it, or a fresh start when it comes from another flow version. */
export function restoreState(raw: unknown): DialogState {
  const stored = raw as Partial<DialogState> | null;
  if (stored && stored.flowVersion === FLOW_VERSION) return stored as DialogState;
  return newState(isLang(stored?.lang) ? stored.lang : 'zh-Hans');
}

function isLang(value: unknown): value is Lang {
  return value === 'zh-Hans' || value === 'zh-Hant' || value === 'en';
}
