import type { webApi } from '@slack/bolt';
import type { AlertSink } from '../../bot/operations/alert-sink.js';
import type { Alert } from '../../bot/operations/alert-store.js';
import { alertMessage, type AlertState } from './alert-message.js';

export interface SlackAlertPosterOptions {
  /** The desk's Web API client (its token and retries). */
  client: webApi.WebClient;
  /** The operations channel (C… or G…); the bot must be a member. */
  channelId: string;
  /** The console's address, e.g. https://shop.example/ops/, for the message's link. */
  consoleUrl: string;
}

/** Alerts in the operations Slack channel: one message when raised, one when cleared. */
export class SlackAlertPoster implements AlertSink {
  constructor(private readonly options: SlackAlertPosterOptions) {}

  raised(alert: Alert): Promise<void> {
    return this.post(alert, 'raised');
  }

  cleared(alert: Alert): Promise<void> {
    return this.post(alert, 'cleared');
  }

  private async post(alert: Alert, state: AlertState): Promise<void> {
    const { client, channelId, consoleUrl } = this.options;
    const message = alertMessage(alert, state, consoleUrl);
    await client.chat.postMessage({ channel: channelId, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
  }
}
