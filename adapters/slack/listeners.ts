/**
 * What agents do in Slack, turned into `AgentActions` calls: the card's buttons, the reject
 * modal, replies in a case's thread. Every listener acks first (Slack's 3 s stay here) and then
 * works; what the engine refuses comes back to the agent as a message only they see.
 */
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import type { ActionResult, AgentActions } from '../../bot/desk.js';
import type { Logger } from '../../bot/logger.js';
import type { Outcome } from '../../policies/types.js';
import type { AgentDirectory } from './agents.js';
import { ACTION, ALL_OUTCOMES, REASON_INPUT, REJECT_VIEW, rejectModal } from './card.js';
import { deskText, type DeskLang } from './desk-text.js';
import { escapeMrkdwn, isPrivateNote, plainText } from './mrkdwn.js';

export interface ListenerDeps {
  /** The engine's actions once the desk has started; undefined before start and after stop. */
  actions(): AgentActions | undefined;
  agents: AgentDirectory;
  client: webApi.WebClient;
  channelId: string;
  lang: DeskLang;
  logger: Logger;
}

/** Where to tell one agent something only they see. */
interface Whisper {
  channel: string;
  user: string;
  threadTs?: string;
}

/** One click on a card button, in our terms. */
interface Click {
  escalationId: string;
  actionName: string;
  /** The idempotency key of the click: Slack's trigger id is unique per interaction. */
  actionId: string;
  triggerId: string;
  whisper: Whisper;
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { agents, client, lang, logger } = deps;

  const whisper = async (to: Whisper, text: string) => {
    await client.chat.postEphemeral({ channel: to.channel, user: to.user, text, ...(to.threadTs && { thread_ts: to.threadTs }) });
  };

  /** Runs `work` after the ack; a refusal or a failure is told to the agent, never thrown at Bolt. */
  const afterAck = async (where: string, to: Whisper, work: (actions: AgentActions) => Promise<ActionResult | undefined>, prefix = '') => {
    const actions = deps.actions();
    if (!actions) {
      logger.warn({ where }, 'slack desk not started: agent action ignored');
      return;
    }
    try {
      const result = await work(actions);
      if (result && !result.ok) await whisper(to, `${prefix}${problemText(result, lang)}`);
    } catch (error) {
      logger.error({ where, err: error }, 'slack agent action failed');
      await whisper(to, deskText(lang, 'problem.slack')).catch((e: unknown) => logger.warn({ where, err: e }, 'slack ephemeral failed'));
    }
  };

  const button = (actionId: string | RegExp, work: (click: Click, actions: AgentActions) => Promise<ActionResult | undefined>) => {
    app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: actionId }, async ({ ack, body, action }) => {
      await ack();
      const click: Click = {
        escalationId: action.value ?? '',
        actionName: action.action_id,
        actionId: `slack:action:${body.trigger_id}`,
        triggerId: body.trigger_id,
        whisper: { channel: body.channel?.id ?? body.container.channel_id ?? deps.channelId, user: body.user.id },
      };
      await afterAck(`slack.${action.action_id}`, click.whisper, actions => work(click, actions));
    });
  };

  button(ACTION.take, async (click, actions) => actions.claim(click.escalationId, await agents.agent(click.whisper.user), click.actionId));

  button(new RegExp(`^${ACTION.approvePrefix}`), async (click, actions) => {
    const outcome = click.actionName.slice(ACTION.approvePrefix.length) as Outcome;
    if (!ALL_OUTCOMES.includes(outcome)) return { ok: false, problem: 'not_allowed' };
    const agent = await agents.agent(click.whisper.user);
    return actions.decide(click.escalationId, agent, { kind: 'approve', outcome }, click.actionId);
  });

  button(ACTION.handBack, async (click, actions) => actions.handBack(click.escalationId, await agents.agent(click.whisper.user), click.actionId));

  button(ACTION.close, async (click, actions) => actions.close(click.escalationId, await agents.agent(click.whisper.user), click.actionId));

  // Reject asks for the reason first. The modal opens only for someone who may reject, so that
  // nobody writes a reason the engine would then refuse; the engine still has the last word.
  button(ACTION.reject, async (click, actions) => {
    const view = await actions.view(click.escalationId);
    if (!view) return { ok: false, problem: 'not_found' };
    const { escalation } = view;
    if (escalation.status === 'returned' || escalation.status === 'closed') return { ok: false, problem: 'closed' };
    if (escalation.status === 'claimed' && escalation.agent && escalation.agent.id !== click.whisper.user) {
      return { ok: false, problem: 'not_owner', owner: escalation.agent };
    }
    if (!escalation.caseId) return { ok: false, problem: 'no_case' };
    await client.views.open({ trigger_id: click.triggerId, view: rejectModal(escalation.id, escalation.lang, lang) });
    return undefined;
  });

  app.view({ callback_id: REJECT_VIEW, type: 'view_submission' }, async ({ ack, body, view }) => {
    const reason = view.state.values[REASON_INPUT]?.[REASON_INPUT]?.value?.trim() ?? '';
    if (!reason) {
      await ack({ response_action: 'errors', errors: { [REASON_INPUT]: deskText(lang, 'modal.empty') } });
      return;
    }
    await ack();
    const escalationId = view.private_metadata;
    const user = body.user.id;
    // The modal has no channel: refusals go to the case's thread, found through the escalation.
    const where = await deps.actions()?.view(escalationId).catch(() => null);
    const ref = where?.escalation.deskRef;
    const to: Whisper = ref ? { channel: ref.channel, user, threadTs: ref.ts } : { channel: deps.channelId, user };
    await afterAck('slack.reject', to, async actions => {
      const agent = await agents.agent(user);
      return actions.decide(escalationId, agent, { kind: 'reject', reason }, `slack:view:${view.id}`);
    });
  });

  app.event('message', async ({ event, body }) => {
    const reply = threadReply(event);
    if (!reply || reply.channel !== deps.channelId) return;
    if (isPrivateNote(reply.text)) return;
    const actions = deps.actions();
    if (!actions) {
      logger.warn({ where: 'slack.message' }, 'slack desk not started: thread reply ignored');
      return;
    }
    const to: Whisper = { channel: reply.channel, user: reply.user, threadTs: reply.threadTs };
    const escalation = await actions.findByDeskRef(reply.channel, reply.threadTs).catch((error: unknown) => {
      logger.error({ where: 'slack.message', err: error }, 'escalation lookup failed');
      return null;
    });
    if (!escalation) return;
    const text = plainText(reply.text);
    // Slack keeps event_id across its redeliveries: the engine handles a retried event once.
    const actionId = `slack:event:${body.event_id}`;
    if (text) {
      await afterAck('slack.reply', to, async actions => actions.reply(escalation.id, await agents.agent(reply.user), text, actionId), deskText(lang, 'reply.not_relayed', { why: '' }));
    }
    if (reply.hasFiles) await whisper(to, deskText(lang, 'note.files')).catch((error: unknown) => logger.warn({ where: 'slack.message', err: error }, 'slack ephemeral failed'));
  });
}

/** A person's reply inside a thread, or undefined for anything else (bots, edits, joins, top-level messages). */
export function threadReply(event: unknown): { channel: string; user: string; ts: string; threadTs: string; text: string; hasFiles: boolean } | undefined {
  const e = event as Record<string, unknown>;
  const subtype = e.subtype;
  if (subtype !== undefined && subtype !== 'file_share' && subtype !== 'thread_broadcast') return undefined;
  if (e.bot_id !== undefined || e.bot_profile !== undefined) return undefined;
  const { channel, user, ts, thread_ts: threadTs, text } = e;
  if (typeof channel !== 'string' || typeof user !== 'string' || typeof ts !== 'string') return undefined;
  if (typeof threadTs !== 'string' || threadTs === ts) return undefined;
  return { channel, user, ts, threadTs, text: typeof text === 'string' ? text : '', hasFiles: Array.isArray(e.files) && e.files.length > 0 };
}

/** What the agent reads when the engine refuses. */
export function problemText(result: Extract<ActionResult, { ok: false }>, lang: DeskLang): string {
  const name = result.owner?.name && escapeMrkdwn(result.owner.name);
  switch (result.problem) {
    case 'taken':
      return deskText(lang, 'problem.taken', { name: name ?? '?' });
    case 'not_owner':
      return name ? deskText(lang, 'problem.not_owner', { name }) : deskText(lang, 'problem.not_owner_nobody');
    case 'not_found':
    case 'closed':
    case 'no_case':
    case 'not_allowed':
      return deskText(lang, `problem.${result.problem}`);
  }
}
