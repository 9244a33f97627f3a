import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { TurnHandler } from '../../bot/channel.js';
import type { Delivery, Inbound, Outbound } from '../../bot/messages.js';
import type { Logger } from '../../adapters/web/logger.js';
import { WebChannel } from '../../adapters/web/web-channel.js';

const SESSION_SECRET = 'test-session-secret-0123456789abcdef';

/**
 * The engine's stand-in: records what arrives and answers from a script. The engine is not under
 * test here; the Direct Line emulator and botbuilder between the page and this handler are.
 */
export class ScriptedHandler implements TurnHandler {
  readonly inbounds: Inbound[] = [];
  readonly deliveredIds: number[] = [];
  private nextOutboxId = 1;

  constructor(private readonly script: (inbound: Inbound) => Outbound[]) {}

  async handle(inbound: Inbound): Promise<Delivery[]> {
    this.inbounds.push(inbound);
    return this.script(inbound).map(message => ({ outboxId: this.nextOutboxId++, message }));
  }

  async delivered(outboxIds: number[]): Promise<void> {
    this.deliveredIds.push(...outboxIds);
  }

  /** Resolves once `count` inbounds have arrived. */
  async waitForInbounds(count: number, timeoutMs = 5000): Promise<Inbound[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.inbounds.length < count) {
      if (Date.now() > deadline) throw new Error(`waited for ${count} inbounds, got ${this.inbounds.length}`);
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    return this.inbounds;
  }
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message?: string;
}

export interface WebHarness {
  url: string;
  channel: WebChannel;
  logs: LogLine[];
  stop(): Promise<void>;
}

/** express + http server on 127.0.0.1:0 with the real WebChannel, as bot/app.ts composes them. */
export async function startWebHarness(
  handler: TurnHandler,
  options: { maxUploadBytes?: number; microsoftAppId?: string; microsoftAppPassword?: string } = {},
): Promise<WebHarness> {
  const app = express();
  const server = createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logs: LogLine[] = [];
  const record =
    (level: LogLine['level']) =>
    (fields: object, message?: string): void => {
      logs.push({ level, fields: fields as Record<string, unknown>, message });
    };
  const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const channel = new WebChannel({
    app,
    server,
    publicUrl: url,
    sessionSecret: SESSION_SECRET,
    logger,
    ...options,
    maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024,
  });
  await channel.start(handler);
  return {
    url,
    channel,
    logs,
    async stop() {
      await channel.stop();
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
