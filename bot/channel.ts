import type { Delivery, Inbound, Outbound } from './messages.js';

/** What an adapter may ask of the engine. Adapters know nothing else of it. */
export interface TurnHandler {
  /**
   * Runs one customer turn. Resolves with the replies, already stored in the outbox; the adapter
   * sends them and then calls `delivered`. A message id seen before resolves with no replies.
   */
  handle(inbound: Inbound): Promise<Delivery[]>;
  /** Marks outbox entries as sent so that the dispatcher does not send them again. */
  delivered(outboxIds: number[]): Promise<void>;
  /**
   * The last `limit` stored messages of a customer's conversation, oldest first: what a channel
   * that keeps its transcript in memory shows a customer who comes back after a restart.
   * Optional: a handler without a store (a wrapper, a stand-in) may leave it out.
   */
  history?(channel: string, userId: string, limit: number): Promise<HistoryMessage[]>;
}

/** One stored message as a channel replays it; `message` is what the bot sent, null for the customer's. */
export interface HistoryMessage {
  direction: 'in' | 'out';
  text: string;
  message: Outbound | null;
  at: string;
}

/**
 * A channel is a port (Wechaty's puppets, Bolt's receivers): one interface, one folder per
 * implementation. Adding a channel needs no edit in the engine.
 */
export interface Channel {
  readonly name: string;
  start(handler: TurnHandler): Promise<void>;
  stop(): Promise<void>;
  /**
   * Sends messages the customer did not just ask for (agent replies, case progress). Throws when
   * the channel cannot deliver now: the entries stay in the outbox and are tried again.
   */
  deliver(userId: string, deliveries: Delivery[]): Promise<void>;
}
