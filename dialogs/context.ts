import type { Card, InboundEvent, Lang, Outbound, QuickReply } from '../bot/messages.js';
import type { CaseEvent, CaseRecord, CaseWrite, Customer, Order, OrderLine } from '../bot/records.js';
import type { Understanding } from '../bot/understanding.js';
import type { Crisis, Rules } from '../policies/types.js';
import { t, type TemplateKey, type TemplateVars } from './replies/index.js';
import type { DialogState } from './state.js';

/** What the dialog may look up; the engine backs it with the store. */
export interface DialogServices {
  findOrder(orderId: string): Promise<Order | null>;
  findCustomer(customerId: string): Promise<Customer | null>;
  /** Cases of this conversation and of the customer it is linked to, newest first. */
  casesFor(conversationId: string, customerId: string | null): Promise<CaseRecord[]>;
  nextCaseId(now: Date): Promise<string>;
  /** The steps a case went through, oldest first. */
  caseHistory(caseId: string): Promise<CaseEvent[]>;
}

/** Attachments of the message after the engine checked them by content. */
export interface CheckedAttachments {
  acceptedPhotoIds: string[];
  rejected: { name: string; problem: 'type' | 'size' }[];
  voice: boolean;
  sticker: boolean;
}

/** An open crisis as conversations meet it: the preset the rules give way to, and the operators' notice. */
export interface CrisisView extends Crisis {
  notice: Record<Lang, string>;
}

export interface DialogTurn {
  state: DialogState;
  text: string;
  /** The channel's event this turn reports, when it is not a plain message. */
  event?: InboundEvent;
  understanding: Understanding;
  attachments: CheckedAttachments;
  conversation: { id: string; channel: string; userId: string; customerId: string | null };
  now: Date;
  rules: Rules;
  /** The crises open now: a request about an item they cover gets their preset at once. */
  crises: readonly CrisisView[];
  services: DialogServices;
}

export interface DialogResult {
  state: DialogState;
  replies: Outbound[];
  cases: CaseWrite[];
  /** Set when the customer proved they own an order: the contact is linked to them. */
  linkCustomer?: string;
}

/** Collects the replies of a turn in the conversation's language. */
export class Replies {
  readonly messages: Outbound[] = [];

  constructor(private readonly lang: () => Lang) {}

  text(key: TemplateKey, vars?: TemplateVars): string {
    return t(this.lang(), key, vars);
  }

  say(key: TemplateKey, vars?: TemplateVars, extra?: { quickReplies?: QuickReply[]; card?: Card }): void {
    this.messages.push({ text: this.text(key, vars), ...extra });
  }

  sayText(text: string, extra?: { quickReplies?: QuickReply[]; card?: Card }): void {
    this.messages.push({ text, ...extra });
  }

  /** Buttons whose value is their label, so that typing the label works as well as tapping it. */
  choices(keys: TemplateKey[]): QuickReply[] {
    return keys.map(key => this.option(this.text(key)));
  }

  option(label: string): QuickReply {
    return { label, value: label };
  }

  productName(line: OrderLine): string {
    return this.inLang(line.product.names);
  }

  /** The conversation's language's text of something written in each language (a name, an operators' notice). */
  inLang(texts: Record<Lang, string>): string {
    return texts[this.lang()];
  }
}
