import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface, type Interface } from 'node:readline/promises';
import type { Channel, TurnHandler } from '../../bot/channel.js';
import type { Delivery, InboundAttachment, QuickReply } from '../../bot/messages.js';
import { renderAsText, resolveNumberedAnswer } from '../shared/numbered-options.js';

const PHOTO_COMMAND = /^\/photo\s+(.+)$/;

/**
 * `npm run chat`: the bot in a terminal. Options are numbered; `/photo PATH` sends a file as a
 * photo; `/quit` ends. One local customer, so a conversation goes on across runs.
 */
export class ConsoleChannel implements Channel {
  readonly name = 'console';
  private lines: Interface | undefined;
  private lastOptions: QuickReply[] = [];
  private counter = Date.now();

  constructor(
    private readonly userId: string,
    private readonly input: NodeJS.ReadableStream = process.stdin,
    private readonly output: NodeJS.WritableStream = process.stdout,
  ) {}

  async start(handler: TurnHandler): Promise<void> {
    this.lines = createInterface({ input: this.input, output: this.output, terminal: false });
    this.print('returnbot console: type your message, /photo PATH to send a photo, /quit to leave.');
    for await (const raw of this.lines) {
      const line = raw.trim();
      if (line === '/quit') break;
      const photo = PHOTO_COMMAND.exec(line);
      const attachments = photo ? await this.readPhoto(photo[1]!) : [];
      if (photo && attachments.length === 0) continue;
      const text = photo ? '' : resolveNumberedAnswer(line, this.lastOptions);
      const deliveries = await handler.handle({ channel: this.name, userId: this.userId, messageId: `console-${++this.counter}`, text, attachments });
      await this.deliver(this.userId, deliveries);
      await handler.delivered(deliveries.map(delivery => delivery.outboxId));
    }
  }

  async stop(): Promise<void> {
    this.lines?.close();
  }

  async deliver(_userId: string, deliveries: Delivery[]): Promise<void> {
    for (const { message } of deliveries) {
      this.print(`bot> ${renderAsText(message)}`);
      if (message.quickReplies?.length) this.lastOptions = message.quickReplies;
    }
  }

  private async readPhoto(path: string): Promise<InboundAttachment[]> {
    try {
      return [{ kind: 'image', name: basename(path), data: await readFile(path) }];
    } catch (error) {
      this.print(`(cannot read ${path}: ${(error as Error).message})`);
      return [];
    }
  }

  private print(text: string): void {
    this.output.write(`${text}\n`);
  }
}
