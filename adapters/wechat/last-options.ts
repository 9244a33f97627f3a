import type { Delivery, QuickReply } from '../../bot/messages.js';

/**
 * The numbered options each contact was shown last, so that "2" can mean the second of them.
 * In memory and bounded: after a restart a bare number simply reaches the engine as text.
 */
export class LastOptions {
  private readonly byContact = new Map<string, QuickReply[]>();

  constructor(private readonly maxContacts = 10_000) {}

  get(contactId: string): readonly QuickReply[] {
    return this.byContact.get(contactId) ?? [];
  }

  /** After replies went out: the last reply with options sets them; replies without any clear them. */
  remember(contactId: string, deliveries: readonly Delivery[]): void {
    if (deliveries.length === 0) return;
    const options = [...deliveries].reverse().find(delivery => delivery.message.quickReplies?.length)?.message.quickReplies;
    this.byContact.delete(contactId);
    if (!options) return;
    this.byContact.set(contactId, options);
    for (const oldest of this.byContact.keys()) {
      if (this.byContact.size <= this.maxContacts) break;
      this.byContact.delete(oldest);
    }
  }
}
