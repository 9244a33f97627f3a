import type { Delivery, QuickReply } from '../../bot/messages.js';
import { BoundedMap } from '../shared/bounded-map.js';

/**
 * The numbered options each contact was shown last, so that "2" can mean the second of them.
 * In memory and bounded: after a restart a bare number simply reaches the engine as text.
 */
export class LastOptions {
  private readonly byContact: BoundedMap<string, QuickReply[]>;

  constructor(maxContacts = 10_000) {
    this.byContact = new BoundedMap(maxContacts);
  }

  get(contactId: string): readonly QuickReply[] {
    return this.byContact.get(contactId) ?? [];
  }

  /** After replies went out: the last reply with options sets them; replies without any clear them. */
  remember(contactId: string, deliveries: readonly Delivery[]): void {
    if (deliveries.length === 0) return;
    const options = [...deliveries].reverse().find(delivery => delivery.message.quickReplies?.length)?.message.quickReplies;
    if (options) this.byContact.set(contactId, options);
    else this.byContact.delete(contactId);
  }
}
