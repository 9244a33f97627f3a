import type { Delivery, Inbound } from './messages.js';

/** What an adapter may ask of the engine. Adapters know nothing else of it. */
export interface TurnHandler {
  /**
   * Runs one customer turn. Resolves with the replies, already stored in the outbox; the adapter
   * sends them and then calls `delivered`. A message id seen before resolves with no replies.
   */
  handle(inbound: Inbound): Promise<Delivery[]>;
  /** Marks outbox entries as sent so that the dispatcher does not send them again. */
  delivered(outboxIds: number[]): Promise<void>;
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
