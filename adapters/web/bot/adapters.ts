import {
  ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type ResourceResponse, type TurnContext,
} from 'botbuilder';
import { describeError, type Logger } from '../logger.js';
import type { BotRoute } from './references.js';

export interface AzureCredentials {
  microsoftAppId?: string;
  microsoftAppPassword?: string;
  /** Set for a single-tenant Azure bot (what Azure creates nowadays); absent for multi-tenant. */
  microsoftAppTenantId?: string;
}

/**
 * The bot's two doors. `local` has auth off and only ever sees our own Direct Line (the endpoint
 * checks the relay key); `azure`, when an app id is configured, checks Azure's JWTs.
 */
export function createRoutes(
  credentials: AzureCredentials,
  logger: Logger,
  publish: (activity: Partial<Activity>) => ResourceResponse,
): { local: BotRoute; azure?: BotRoute; embedded: EmbeddedAdapter } {
  const embedded = new EmbeddedAdapter(publish);
  const local: BotRoute = {
    adapter: withErrorLog(embedded, logger),
    appId: '',
    userIdOf: activity => activity.from.id,
  };
  const { microsoftAppId, microsoftAppPassword, microsoftAppTenantId } = credentials;
  if (!microsoftAppId) return { local, embedded };
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: microsoftAppId,
    MicrosoftAppPassword: microsoftAppPassword,
    MicrosoftAppType: microsoftAppTenantId ? 'SingleTenant' : 'MultiTenant',
    MicrosoftAppTenantId: microsoftAppTenantId,
  });
  const azure: BotRoute = {
    adapter: withErrorLog(new CloudAdapter(authentication), logger),
    appId: microsoftAppId,
    // Azure channels let the embedding site choose user ids; prefixed with the channel, none can
    // pass for a customer of our own Direct Line, whose ids the token proves.
    userIdOf: activity => `${activity.channelId}:${activity.from.id}`,
  };
  return { local, azure, embedded };
}

/** A failed turn is one log line; botbuilder then answers 200, so nobody redelivers it blindly. */
function withErrorLog(adapter: CloudAdapter, logger: Logger): CloudAdapter {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const { activity } = context;
    logger.error(
      { where: 'web.turn', conversationId: activity.conversation?.id, activityId: activity.id, ...describeError(error) },
      'turn failed',
    );
  };
  return adapter;
}

/**
 * The auth-off door of our own Direct Line, in-process both ways: the emulator hands it activities
 * with `processActivity` (no HTTP to /api/messages) and its replies go straight to the emulator
 * (no HTTP to the connector). Same botbuilder turn and TurnContext, none of the loopback hops.
 */
export class EmbeddedAdapter extends CloudAdapter {
  constructor(private readonly publish: (activity: Partial<Activity>) => ResourceResponse) {
    super(new ConfigurationBotFrameworkAuthentication({}));
  }

  /** One turn for an activity of our Direct Line, as `process` would run it for an HTTP request. */
  async run(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.processActivity('', activity, logic);
  }

  override async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      delete activity.id;
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, typeof activity.value === 'number' ? activity.value : 1000));
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.InvokeResponse || activity.type === ActivityTypes.Trace) {
        responses.push({ id: '' }); // nothing for the page (CloudAdapter keeps invoke responses for its HTTP reply)
      } else {
        responses.push(this.publish(activity));
      }
    }
    return responses;
  }
}
