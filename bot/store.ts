import type { CaseEvent, CaseRecord, ConversationRecord, DueTimer, Customer, Order, PhotoRecord, Product, StoredMessage, TurnWrite } from './records.js';
import type { Delivery } from './messages.js';
import type { DeskEvent, Escalation } from './desk.js';

/**
 * The engine's persistence port. SQLite implements it today (data/sqlite); every method is async
 * so that a PostgreSQL store can follow without touching the engine.
 */
export interface Store {
  /** True when `(channel, messageId)` was already handled by a committed turn. */
  wasHandled(channel: string, messageId: string): Promise<boolean>;
  /** The conversation of this contact, or null if it never talked to us. */
  loadConversation(channel: string, userId: string): Promise<ConversationRecord | null>;
  /**
   * Writes the turn in one transaction: inbound message (and its idempotency key), the
   * conversation (refused with code `stale_state` if its version moved), cases and their
   * events, outgoing messages and their outbox entries. Resolves with the outbox deliveries.
   * A duplicate inbound key rejects with code `duplicate_message` and writes nothing.
   */
  saveTurn(turn: TurnWrite): Promise<Delivery[]>;
  markDelivered(outboxIds: number[], at: string): Promise<void>;
  /** Outbox entries not yet delivered and not claimed by a running turn since `claimedBefore`. */
  pendingDeliveries(claimedBefore: string, limit: number): Promise<{ channel: string; userId: string; deliveries: Delivery[] }[]>;

  findOrder(orderId: string): Promise<Order | null>;
  findCustomer(customerId: string): Promise<Customer | null>;
  /** Every product, for recognising item names before an order is known. */
  listProducts(): Promise<Product[]>;

  /** Next case number for the day, e.g. RB-20261122-0007. */
  nextCaseId(day: string): Promise<string>;
  findCase(caseId: string): Promise<CaseRecord | null>;
  casesOfCustomer(customerId: string): Promise<CaseRecord[]>;
  casesOfConversation(conversationId: string): Promise<CaseRecord[]>;

  /** Stores a checked photo's bytes (idempotent by sha256) and its metadata. */
  savePhoto(photo: PhotoRecord, data: Buffer): Promise<void>;

  /** The bytes of a stored photo, or null when it is unknown or its file is gone. */
  readPhoto(photoId: string): Promise<{ mime: string; data: Buffer } | null>;
  photos(photoIds: string[]): Promise<PhotoRecord[]>;

  messages(conversationId: string, afterId: number, limit: number): Promise<StoredMessage[]>;
  /** The last `limit` messages of a conversation, oldest first. */
  lastMessages(conversationId: string, limit: number): Promise<StoredMessage[]>;

  findEscalation(escalationId: string): Promise<Escalation | null>;
  /** The hand-over of this conversation still waiting for or held by a person. */
  openEscalationOf(conversationId: string): Promise<Escalation | null>;
  findEscalationByDeskRef(channel: string, ts: string): Promise<Escalation | null>;
  openEscalations(): Promise<Escalation[]>;
  /** Writes an escalation outside a turn (the desk telling where it shows it). */
  saveEscalation(escalation: Escalation, at: string): Promise<void>;
  /** Desk events not yet published, claimed so that two dispatchers never take the same one. */
  pendingDeskEvents(claimedBefore: string, limit: number): Promise<{ id: number; event: DeskEvent }[]>;
  markDeskEventsPublished(ids: number[], at: string): Promise<void>;

  /** Timers due at `now` not yet fired, claimed so that two pollers never take the same one. */
  dueTimers(now: string, claimedBefore: string, limit: number): Promise<DueTimer[]>;
  /** The timers of a subject still to fire (to show or to cancel). */
  pendingTimers(subject: string): Promise<DueTimer[]>;
  markTimerFired(id: number, at: string): Promise<void>;
  /** Every event of a case, oldest first: the lifecycle's history. */
  caseEvents(caseId: string): Promise<CaseEvent[]>;

  close(): Promise<void>;
}
