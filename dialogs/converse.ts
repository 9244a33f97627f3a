import type { CaseWrite } from '../bot/records.js';
import type { Intent } from '../bot/understanding.js';
import type { Decision } from '../policies/types.js';
import { Replies, type DialogResult, type DialogTurn } from './context.js';
import { absorbFacts } from './fill.js';
import { explain, issueCase, judge, type Resolved } from './resolution.js';
import { nextSlot, selectedLine, slotContext, slotNamed, type SlotContext } from './slots.js';
import { emptyClaim, type DialogState } from './state.js';
import { reportStatus } from './status.js';
import { summarize } from './summary.js';
import { answerSurvey } from './survey.js';
import { CHANGE } from './understanding/lexicon.js';
import { normalize } from './understanding/script.js';
import { checkOwnership, MAX_VERIFY_FAILURES, VERIFY_BLOCK_MINUTES } from './verify.js';

/** Misunderstood messages in a row before the bot offers a person. */
const MISUNDERSTOOD_LIMIT = 3;

const STARTS_A_REQUEST: Intent[] = ['return_request', 'exchange_request', 'wrong_item', 'missing_item', 'damaged_or_defective', 'quality_spoiled', 'not_as_described', 'changed_mind'];

/**
 * One customer turn of the returns conversation: takes every fact of the message, asks for the
 * next missing one, and once the customer confirms hands the facts to the rules.
 */
export async function converse(turn: DialogTurn): Promise<DialogResult> {
  return new Conversation(turn).run();
}

class Conversation {
  private readonly state: DialogState;
  private readonly replies: Replies;
  private readonly cases: CaseWrite[] = [];
  private linkCustomer: string | undefined;

  constructor(private readonly turn: DialogTurn) {
    this.state = structuredClone(turn.state);
    if (turn.understanding.lang) this.state.lang = turn.understanding.lang;
    this.replies = new Replies(() => this.state.lang);
  }

  async run(): Promise<DialogResult> {
    this.noticeAttachments();
    if (this.turn.event === 'contact_added') await this.greetNewContact();
    else if (!(await this.handleSurvey()) && !(await this.handleCommand())) await this.handleStep();
    return { state: this.state, replies: this.replies.messages, cases: this.cases, ...(this.linkCustomer ? { linkCustomer: this.linkCustomer } : {}) };
  }

  private get u() {
    return this.turn.understanding;
  }

  private noticeAttachments(): void {
    const { attachments, rules } = this.turn;
    if (attachments.voice) this.replies.say('attachment.voice');
    if (attachments.sticker) this.replies.say('attachment.sticker');
    for (const rejected of attachments.rejected) {
      if (rejected.problem === 'type') this.replies.say('photo.rejected_type', { name: rejected.name });
      else this.replies.say('photo.rejected_size', { name: rejected.name, maxMb: Math.round(rules.photos.maxBytes / 1048576) });
    }
  }

  private async handleSurvey(): Promise<boolean> {
    const step = this.state.step;
    if (step.kind !== 'survey') return false;
    const answer = answerSurvey(step, this.turn, this.replies);
    if (!answer) {
      this.state.step = { kind: 'idle' };
      return false;
    }
    this.state.step = answer.step;
    this.cases.push(...answer.cases);
    return true;
  }

  /**
   * A customer who just added the bot as a contact is greeted. A request note that names an order
   * ("订单123456") is taken as their first message, so the request starts from it; any other note
   * ("我是王芳") is only a note and gets no "didn't understand".
   */
  private async greetNewContact(): Promise<void> {
    this.replies.say('contact_added');
    if (this.u.orderId && this.state.step.kind === 'idle') await this.collect();
  }

  /** Requests that apply at any step of the form. */
  private async handleCommand(): Promise<boolean> {
    const { u } = this;
    const hours = this.turn.rules.timeline.firstFeedbackHours;
    if (u.restart) {
      this.reset();
      this.replies.say('reset');
    } else if (u.intent === 'human_agent' || u.upset || u.intent === 'cancel_order') {
      const reason = u.intent === 'cancel_order' ? 'cancel_order' : u.upset ? 'upset' : 'requested';
      this.state.handoff = { reason, at: this.turn.now.toISOString() };
      this.replies.say(`handoff.${reason}`, { hours });
    } else if (u.intent === 'status_query' && !u.problem) {
      await reportStatus(this.turn, this.replies, u.caseId);
      await this.askAgain();
    } else if (u.intent === 'policy_question' && !u.problem && u.yes === undefined) {
      const { rules } = this.turn;
      this.replies.say('policy.answer', { days: rules.window.days, feePercent: rules.changedMind.handlingFee.percent });
      await this.askAgain();
    } else {
      return false;
    }
    return true;
  }

  private async handleStep(): Promise<void> {
    const step = this.state.step;
    switch (step.kind) {
      case 'choosing':
        return this.choose(step.decision);
      case 'confirming':
        return this.confirm();
      case 'idle':
      case 'collecting':
      case 'survey':
        return this.collect();
    }
  }

  private async collect(): Promise<void> {
    const { u, turn } = this;
    const step = this.state.step;
    const asking = step.kind === 'collecting' ? step.asking : undefined;
    const order = await this.verifiedOrder();
    const { claim, changed } = absorbFacts({ claim: this.state.claim, understanding: u, text: turn.text, asking, replace: u.correction, order });
    this.state.claim = claim;
    const photosAdded = this.addPhotos();
    if (step.kind === 'idle' && !changed && !photosAdded && !STARTS_A_REQUEST.includes(u.intent)) {
      this.replies.say(turn.text.trim() ? 'didnt_understand' : 'welcome');
      if (turn.text.trim()) this.replies.say('welcome');
      return;
    }
    if (!changed && !photosAdded && u.phoneDigits === undefined && step.kind === 'collecting') {
      // A refused file or a voice note was already answered: repeat the question, no "didn't get that".
      return this.attachmentsAnswered() ? this.askAgain() : this.misunderstood();
    }
    this.state.misunderstood = 0;
    await this.progress();
  }

  private async confirm(): Promise<void> {
    const { u, turn } = this;
    const order = await this.verifiedOrder();
    const { claim, changed } = absorbFacts({ claim: this.state.claim, understanding: u, text: turn.text, asking: undefined, replace: true, order });
    const photosAdded = this.addPhotos();
    if (changed) {
      this.state.claim = claim;
      return this.progress();
    }
    if (photosAdded) return this.progress();
    if (u.yes === true) return this.decide();
    if (u.yes === false || CHANGE.some(pattern => pattern.test(normalize(turn.text)))) {
      this.replies.say('ask.fix');
      return;
    }
    return this.misunderstood();
  }

  private async choose(decision: Decision): Promise<void> {
    const wish = this.u.wish;
    const resolved = await this.resolved();
    if (!resolved) return this.restartPolitely();
    if (wish && decision.outcomes.includes(wish)) {
      this.cases.push(...await issueCase(resolved, decision, wish, this.turn, this.replies, true));
      this.finish();
      return;
    }
    this.askOutcome(decision);
  }

  /** Verifies ownership when it can, then asks the next missing fact or shows the summary. */
  private async progress(): Promise<void> {
    const claim = this.state.claim;
    const blockedUntil = this.state.verifyBlockedUntil;
    if (claim.orderId && !claim.verified && blockedUntil && this.turn.now.toISOString() < blockedUntil) {
      this.replies.say('verify.wait', { minutes: Math.ceil((Date.parse(blockedUntil) - this.turn.now.getTime()) / 60_000) });
      this.reset();
      return;
    }
    const ownership = await checkOwnership(claim, this.u.phoneDigits, this.turn.conversation.customerId, this.turn.services);
    if (ownership.kind === 'mismatch') return this.verificationFailed();
    let order = null;
    if (ownership.kind === 'verified') {
      order = ownership.order;
      if (ownership.newlyLinked) this.linkCustomer = ownership.newlyLinked;
      claim.verified = true;
      this.state.verifyFailures = 0;
      if (!order.deliveredAt) {
        this.replies.say('verify.not_delivered', { orderId: order.id });
        this.reset();
        return;
      }
      this.pickLine(order);
    }
    const context = this.slotContext(order);
    const slot = nextSlot(context);
    if (slot) {
      slot.ask(context, this.replies);
      this.state.step = { kind: 'collecting', asking: slot.name };
    } else {
      summarize(claim, order!, this.replies);
      this.state.step = { kind: 'confirming' };
    }
  }

  private pickLine(order: NonNullable<SlotContext['order']>): void {
    const claim = this.state.claim;
    if (claim.line === undefined) {
      const named = order.lines.filter(line => claim.skuHints.includes(line.sku));
      if (claim.skuHints.length > 0 && named.length === 0) this.replies.say('verify.item_not_in_order', { orderId: order.id });
      const only = named.length === 1 ? named[0] : order.lines.length === 1 ? order.lines[0] : undefined;
      if (only) claim.line = only.line;
      claim.skuHints = [];
    }
    const line = selectedLine({ claim, order });
    if (!line) return;
    if (line.quantity === 1 || claim.quantity === 'all') claim.quantity = line.quantity;
    if (typeof claim.quantity === 'number' && claim.quantity > line.quantity) claim.quantity = undefined;
  }

  private async decide(): Promise<void> {
    const resolved = await this.resolved();
    if (!resolved) return this.restartPolitely();
    const decision = judge(resolved, this.turn);
    const wish = resolved.claim.wish;
    if (decision.refused || decision.needsPerson) {
      if (decision.needsPerson) this.state.handoff = { reason: 'rules', at: this.turn.now.toISOString() };
      this.cases.push(...await issueCase(resolved, decision, null, this.turn, this.replies, false));
      this.finish();
    } else if (decision.outcomes.length === 1 || (wish && decision.outcomes.includes(wish))) {
      const outcome = decision.outcomes.length === 1 ? decision.outcomes[0]! : wish!;
      this.cases.push(...await issueCase(resolved, decision, outcome, this.turn, this.replies, false));
      this.finish();
    } else {
      this.replies.sayText(explain(decision, resolved, this.turn, this.replies));
      this.askOutcome(decision);
    }
  }

  private askOutcome(decision: Decision): void {
    this.replies.say('ask.outcome', {}, { quickReplies: this.replies.choices(decision.outcomes.map(outcome => `outcome.${outcome}` as const)) });
    this.state.step = { kind: 'choosing', decision };
  }

  private slotContext(order: SlotContext['order']): SlotContext {
    return slotContext(this.state.claim, order, this.turn.rules, this.turn.crises);
  }

  private async resolved(): Promise<Resolved | null> {
    const claim = this.state.claim;
    const order = await this.verifiedOrder();
    const line = selectedLine({ claim, order });
    const customer = order ? await this.turn.services.findCustomer(order.customerId) : null;
    if (!order || !line || !customer || typeof claim.quantity !== 'number' || !claim.problem) return null;
    return { claim, order, line, customer };
  }

  private async verifiedOrder() {
    const { orderId, verified } = this.state.claim;
    return verified && orderId ? this.turn.services.findOrder(orderId) : null;
  }

  private addPhotos(): boolean {
    const ids = this.turn.attachments.acceptedPhotoIds.filter(id => !this.state.claim.photoIds.includes(id));
    if (ids.length === 0) return false;
    const max = this.turn.rules.photos.max;
    const room = Math.max(0, max - this.state.claim.photoIds.length);
    this.state.claim.photoIds.push(...ids.slice(0, room));
    if (ids.length > room) this.replies.say('photo.too_many', { max });
    if (room > 0) this.replies.say('photo.received', { count: this.state.claim.photoIds.length, max });
    return room > 0;
  }

  private attachmentsAnswered(): boolean {
    const { rejected, voice, sticker } = this.turn.attachments;
    return rejected.length > 0 || voice || sticker;
  }

  private verificationFailed(): void {
    this.state.verifyFailures += 1;
    if (this.state.verifyFailures >= MAX_VERIFY_FAILURES) {
      this.replies.say('verify.locked', { minutes: VERIFY_BLOCK_MINUTES });
      this.reset();
      this.state.verifyBlockedUntil = new Date(this.turn.now.getTime() + VERIFY_BLOCK_MINUTES * 60_000).toISOString();
      return;
    }
    this.replies.say('verify.failed');
    this.state.claim.orderId = undefined;
    slotNamed('order').ask(this.slotContext(null), this.replies);
    this.state.step = { kind: 'collecting', asking: 'order' };
  }

  private async misunderstood(): Promise<void> {
    this.state.misunderstood += 1;
    if (this.state.misunderstood >= MISUNDERSTOOD_LIMIT) {
      this.replies.say('handoff.offer', {}, { quickReplies: this.replies.choices(['quick.person']) });
      this.state.misunderstood = 0;
      return;
    }
    this.replies.say('didnt_understand');
    await this.askAgain();
  }

  /** Repeats the pending question after an aside (status, policy, a misunderstanding). */
  private async askAgain(): Promise<void> {
    const step = this.state.step;
    if (step.kind === 'collecting') {
      const order = await this.verifiedOrder();
      slotNamed(step.asking).ask(this.slotContext(order), this.replies);
    } else if (step.kind === 'confirming') {
      const order = await this.verifiedOrder();
      if (order) summarize(this.state.claim, order, this.replies);
    } else if (step.kind === 'choosing') {
      this.askOutcome(step.decision);
    }
  }

  private restartPolitely(): void {
    this.reset();
    this.replies.say('welcome');
  }

  private finish(): void {
    this.state.claim = emptyClaim();
    this.state.step = { kind: 'idle' };
  }

  private reset(): void {
    this.finish();
    this.state.verifyFailures = 0;
    this.state.misunderstood = 0;
  }
}
