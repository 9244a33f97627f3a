import type { Outcome, Reason } from '../policies/types.js';
import type { Lang } from './messages.js';
import type { Product } from './records.js';

/**
 * The labels of ../shared/spec/intent-labels.md: what the customer wants first. The offline
 * engine's list (dialogs/understanding/intents.ts `ENGINE_INTENTS`) differs on purpose: it splits
 * damaged_or_defective and quality_spoiled into the problems the rules tell apart, and its
 * `LABEL_OF` maps each back to one of these.
 */
export const INTENTS = [
  'return_request',
  'exchange_request',
  'status_query',
  'policy_question',
  'wrong_item',
  'missing_item',
  'damaged_or_defective',
  'quality_spoiled',
  'not_as_described',
  'changed_mind',
  'human_agent',
  'cancel_order',
  'other',
] as const;

export type Intent = (typeof INTENTS)[number];

/**
 * A problem as the customer states it. `damaged` is not yet a rules reason: whether the parcel
 * arrived damaged decides between transit damage and an unclear responsibility.
 */
export type StatedProblem = Reason | 'damaged';

/** Every fact one message gives; the dialog takes all of them at once. */
export interface Understanding {
  intent: Intent;
  /** The language the message is written in; null when it has no clue (digits, emoji). */
  lang: Lang | null;
  problem?: StatedProblem;
  /** What the customer asks for (退款 / 换 / 补发), where they say it. */
  wish?: Outcome;
  orderId?: string;
  /** Last four digits of a phone number, or a bare 4-digit answer. */
  phoneDigits?: string;
  caseId?: string;
  /** Catalogue products named in the message (matched by name or alias, either script). */
  skus: string[];
  quantity?: number | 'all';
  /** Calendar date (YYYY-MM-DD, shop time zone) the customer says they received the goods. */
  receivedOn?: string;
  /** Answer to a yes/no question, when the message is one. */
  yes?: boolean;
  /** The customer says the outer parcel/box arrived damaged (true) or intact (false). */
  parcelDamaged?: boolean;
  /** "Not that one", "不是这个": a fact given replaces the one held. */
  correction: boolean;
  /** Start over / never mind. */
  restart: boolean;
  /** The customer signals they have finished sending something (photos). */
  done: boolean;
  /** A 1–5 satisfaction score, when the message is one. */
  score?: number;
  /** Strong negative sentiment (anger, abuse). */
  upset: boolean;
}

export interface UnderstandingContext {
  now: Date;
  /** The conversation's language so far: a message of characters shared by both scripts keeps it. */
  currentLang: Lang;
  timezone: string;
  products: Product[];
}

/** The understanding port: keyword rules, NLP.js or a language model behind the same call. */
export interface Understander {
  understand(text: string, context: UnderstandingContext): Promise<Understanding>;
}
