import type { Activity } from 'botbuilder';
import type { Conversation } from './conversations.js';
import type { FileStore } from './files.js';
import type { Sessions } from './sessions.js';

/** What the emulator's routes share; the emulator implements it, tests can fake it. */
export interface DirectLine {
  readonly sessions: Sessions;
  readonly files: FileStore;
  readonly maxUploadBytes: number;
  /** Where botbuilder sends replies (our connector), stamped on every activity for the bot. */
  readonly serviceUrl: string;
  /** The conversation with this id, revived empty if forgotten; undefined for ids we never issue. */
  conversation(conversationId: string): Conversation | undefined;
  /** The user's one conversation (see `Sessions`). */
  conversationOf(userId: string): Conversation;
  /** Seeds a conversation not in memory since the restart from the stored history; once. */
  restore(conversation: Conversation): Promise<void>;
  /** Stores an activity in its conversation and pushes it to the conversation's open pages. */
  publish(conversation: Conversation, activity: Partial<Activity> & { id: string }): void;
  /** Hands a customer's activity to the bot, after the ones before it. */
  forward(conversation: Conversation, activity: Partial<Activity>): void;
  /** The WebSocket URL for one conversation, resuming after `watermark`. */
  streamUrl(conversation: Conversation, watermark?: string): string;
}
