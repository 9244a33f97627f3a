import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
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
export function createRoutes(credentials: AzureCredentials, logger: Logger): { local: BotRoute; azure?: BotRoute } {
  const local: BotRoute = {
    adapter: withErrorLog(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), logger),
    appId: '',
    userIdOf: activity => activity.from.id,
  };
  const { microsoftAppId, microsoftAppPassword, microsoftAppTenantId } = credentials;
  if (!microsoftAppId) return { local };
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
  return { local, azure };
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
