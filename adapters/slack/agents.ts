/**
 * Slack users as agents: the name a customer sees is the configured one ("客服小王"), else the
 * person's Slack display name, else their full name.
 */
import type { webApi } from '@slack/bolt';
import type { Agent } from '../../bot/desk.js';

/** How long a name read from Slack is trusted before it is read again. */
const NAME_TTL_MS = 60 * 60 * 1000;

export class AgentDirectory {
  private readonly looked = new Map<string, { name: string; at: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    /** Slack user id → the name shown to customers. */
    private readonly configured: Readonly<Record<string, string>> = {},
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The agent for a Slack user; asks Slack (users.info) for names not configured. Throws when Slack cannot answer. */
  async agent(slackUserId: string): Promise<Agent> {
    const configured = this.configured[slackUserId];
    if (configured) return { id: slackUserId, name: configured };
    const now = this.clock().getTime();
    const cached = this.looked.get(slackUserId);
    if (cached && now - cached.at < NAME_TTL_MS) return { id: slackUserId, name: cached.name };
    const { user } = await this.client.users.info({ user: slackUserId });
    const name = user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name || slackUserId;
    this.looked.set(slackUserId, { name, at: now });
    return { id: slackUserId, name };
  }
}
