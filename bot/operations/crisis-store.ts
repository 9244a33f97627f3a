import type { CrisisPreset, CrisisScope } from '../../policies/types.js';
import type { Lang } from '../messages.js';

/** The operators' notice to customers, written in each language the bot speaks. */
export type CrisisNotice = Record<Lang, string>;

export interface CrisisRecord {
  id: string;
  scope: CrisisScope;
  preset: CrisisPreset;
  notice: CrisisNotice;
  openedBy: string;
  openedAt: string;
  closedBy: string | null;
  closedAt: string | null;
}

/** A customer's contact a notice can reach: one conversation on one channel. */
export interface NoticeRecipient {
  conversationId: string;
  channel: string;
  userId: string;
  customerId: string;
}

/** A notice queued and not sent yet, with what sending it needs. */
export interface PendingNotice {
  crisisId: string;
  conversationId: string;
  channel: string;
  userId: string;
  /** The conversation's language: its dialog's, or that of its last case when it has no dialog yet. */
  lang: Lang;
  notice: CrisisNotice;
}

/** What a crisis's preset has done so far. */
export interface CrisisTally {
  /** Requests the preset decided (cases carrying the crisis's id). */
  requests: number;
  units: number;
  /** Money refunded by those of them that ended in a refund. */
  refundCents: number;
  notices: { queued: number; sent: number; total: number };
}

/**
 * Where crises and their notices are kept. At most one crisis per scope is open at a time: the
 * store refuses a second one even when two operators open it at the same moment.
 */
export interface CrisisStore {
  /** True when the batch, product (sku) or supplier is known. */
  scopeExists(scope: CrisisScope): Promise<boolean>;
  /** Writes a new open crisis; false when its scope already has an open one. */
  insert(record: CrisisRecord): Promise<boolean>;
  /** Closes an open crisis; false when it was not open. */
  close(id: string, by: string, at: string): Promise<boolean>;
  find(id: string): Promise<CrisisRecord | null>;
  /** Every crisis, the newest first. */
  list(): Promise<CrisisRecord[]>;
  open(): Promise<CrisisRecord[]>;
  /**
   * The customers who bought within the scope and whose contact we know, each once: on the
   * conversation they used last, so a customer with several channels hears it once.
   */
  audience(scope: CrisisScope): Promise<NoticeRecipient[]>;
  /** Queues one notice per conversation; a conversation already queued is left alone. Resolves with how many are new. */
  queueNotices(crisisId: string, conversationIds: readonly string[], at: string): Promise<number>;
  /** Notices still to send, of open crises only, the oldest first. */
  pendingNotices(limit: number): Promise<PendingNotice[]>;
  markNoticeSent(crisisId: string, conversationId: string, at: string): Promise<void>;
  tally(crisisId: string): Promise<CrisisTally>;
}
