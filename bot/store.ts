import type { CaseRecord, ConversationRecord, Customer, Order, PhotoRecord, Product, StoredMessage, TurnWrite } from './records.js';
import type { Delivery } from './messages.js';

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

  messages(conversationId: string, afterId: number, limit: number): Promise<StoredMessage[]>;

  close(): Promise<void>;
}
