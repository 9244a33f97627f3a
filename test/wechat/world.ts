import { expect } from 'chai';
import { FileBox } from 'file-box';
import { types, type payloads } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import type { TurnHandler } from '../../bot/channel.js';
import { WechatChannel, type WechatChannelOptions } from '../../adapters/wechat/wechat-channel.js';
import type { WechatLogger } from '../../adapters/wechat/logger.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps every line, so that tests can read what an operator would see. */
export class RecordingLogger implements WechatLogger {
  readonly lines: LogLine[] = [];
  debug = this.record('debug');
  info = this.record('info');
  warn = this.record('warn');
  error = this.record('error');
  messages(level?: LogLine['level']): string[] {
    return this.lines.filter(line => !level || line.level === level).map(line => line.message);
  }
  private record(level: LogLine['level']) {
    return (fields: object, message = ''): void => {
      this.lines.push({ level, fields: fields as Record<string, unknown>, message });
    };
  }
}

/** Waits for a condition that something asynchronous will make true. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

type ContactMock = mock.ContactMock;
type RoomMock = mock.RoomMock;
/** The mock's contacts and rooms are event emitters; their typings lose that under NodeNext. */
type Listenable = { on(event: 'message', listener: (message: mock.MessageMock) => void): unknown };

export interface WorldOptions {
  testBot?: TestBot;
  /** Stands between the channel and the engine (a slow turn, a spy). */
  wrap?: (engine: TurnHandler) => TurnHandler;
  channel?: Partial<WechatChannelOptions>;
  /** Contact ids to create again (a restart: the same people, a new Wechaty). */
  botUserId?: string;
}

let counter = 0;

/**
 * The real Wechaty class on wechaty-puppet-mock, the real engine and SQLite store: a WeChat
 * account (`botUser`) that logs in whenever the puppet starts, and customers who write to it.
 */
export class WechatWorld {
  readonly mocker = new mock.Mocker();
  readonly puppet = new PuppetMock({ mocker: this.mocker });
  readonly logger = new RecordingLogger();
  readonly botUser: ContactMock;
  readonly channel: WechatChannel;
  /** Ids of the messages Wechaty has emitted so far. */
  readonly emitted = new Set<string>();
  /** Ids of the friendships Wechaty has emitted so far, once per event (a repeat appears twice). */
  readonly friendships: string[] = [];

  private constructor(readonly testBot: TestBot, options: WorldOptions) {
    this.botUser = this.mocker.createContact({ name: 'returnbot 客服', ...(options.botUserId ? { id: options.botUserId } : {}) });
    // The mock's own way to script the world: this runs each time the puppet starts.
    this.mocker.use(mocker => {
      if (!mocker.puppet.isLoggedIn) mocker.login(this.botUser);
      return () => undefined;
    });
    this.channel = new WechatChannel({
      puppet: this.puppet,
      memoryPath: `${testBot.dataDir}/wechat-test`,
      maxAttachmentBytes: testBot.rules.photos.maxBytes,
      logger: this.logger,
      wechatyLogLevel: 'silent',
      ...options.channel,
    });
  }

  static async start(options: WorldOptions = {}): Promise<WechatWorld> {
    const testBot = options.testBot ?? (await startTestBot());
    const world = new WechatWorld(testBot, options);
    testBot.engine.attach(world.channel);
    await world.channel.start(options.wrap ? options.wrap(testBot.engine) : testBot.engine);
    await world.channel.whenOnline(5000);
    // Registered after the channel's own listener: when this runs, the channel has taken the message.
    world.channel.wechaty!.on('message', message => {
      world.emitted.add(message.id);
    });
    world.channel.wechaty!.on('friendship', friendship => {
      world.friendships.push(friendship.id);
    });
    return world;
  }

  customer(name: string, id?: string): WechatCustomer {
    return new WechatCustomer(this, this.mocker.createContact({ name, ...(id ? { id } : {}) }));
  }

  room(topic: string, members: WechatCustomer[]): RoomMock {
    return this.mocker.createRoom({ topic, memberIdList: [this.botUser.id, ...members.map(member => member.contact.id)] });
  }

  /** What the bot says in `room` from now on, as its members see it. */
  botLinesIn(room: RoomMock): string[] {
    const lines: string[] = [];
    (room as unknown as Listenable).on('message', message => {
      if (message.talker().id === this.botUser.id) lines.push(message.text() ?? '');
    });
    return lines;
  }

  /** Resolves once Wechaty has emitted the message and the channel has answered it. */
  async settled(messageId: string): Promise<void> {
    await eventually(() => this.emitted.has(messageId), `Wechaty to emit ${messageId}`);
    await this.channel.idle(messageId);
  }

  /** Delivers a message of a given type, the way the mock's `say()` does, with its file. */
  sendTyped(from: ContactMock, type: types.Message, options: { file?: FileBox; text?: string; id?: string } = {}): string {
    const id = options.id ?? `typed-${++counter}-${Date.now()}`;
    if (options.file) this.mocker.cacheFileBoxPayload.set(id, options.file.toJSON());
    const payload: payloads.Message = { id, talkerId: from.id, listenerId: this.botUser.id, timestamp: Date.now(), type, ...(options.text !== undefined ? { text: options.text } : {}) };
    this.mocker.MessageMock.create(payload);
    this.puppet.emit('message', { messageId: id });
    return id;
  }

  /**
   * WeChat telling of a friend request (Receive) or a friendship made (Confirm), the way puppets
   * do: the payload in the puppet's cache, then the event. Resolves with the friendship's id.
   */
  async emitFriendship(type: types.Friendship.Receive | types.Friendship.Confirm, from: ContactMock, options: { id?: string; hello?: string } = {}): Promise<string> {
    const id = options.id ?? `friendship-${++counter}-${Date.now()}`;
    const base = { id, contactId: from.id, timestamp: Date.now(), ...(options.hello !== undefined ? { hello: options.hello } : {}) };
    const payload: payloads.Friendship = type === types.Friendship.Receive ? { ...base, type, ticket: `ticket-${id}` } : { ...base, type };
    await this.puppet.friendshipPayload(id, payload);
    this.puppet.emit('friendship', { friendshipId: id });
    return id;
  }

  /** `emitFriendship`, then waits until Wechaty has emitted it and the channel has done all it will. */
  async friendship(type: types.Friendship.Receive | types.Friendship.Confirm, from: ContactMock, options: { id?: string; hello?: string } = {}): Promise<string> {
    const before = this.friendships.length;
    const id = await this.emitFriendship(type, from, options);
    await eventually(() => this.friendships.slice(before).includes(id), `Wechaty to emit friendship ${id}`);
    await this.channel.idle();
    return id;
  }

  /** WeChat delivering a message again (same id). */
  redeliver(messageId: string): void {
    this.puppet.emit('message', { messageId });
  }

  async stop(options: { keepBot?: boolean } = {}): Promise<void> {
    await this.channel.stop();
    if (!options.keepBot) await this.testBot.close();
  }
}

/**
 * A WeChat customer as a transcript: `says(…).hears(/…/).sendsPhoto(…)…`, awaited at the end.
 * Each step waits until the bot has answered, and checks it answered within two seconds.
 */
export class WechatCustomer implements PromiseLike<void> {
  /** Every text the bot said to this customer in private, in order. */
  readonly heard: string[] = [];
  /** Ids of the bot's own messages to this customer. */
  readonly botMessageIds: string[] = [];
  readonly log: string[] = [];
  lastMessageId = '';
  private turnStart = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly world: WechatWorld,
    readonly contact: ContactMock,
  ) {
    (contact as unknown as Listenable).on('message', message => {
      if (message.talker().id === contact.id) this.lastMessageId = message.id;
      else if (message.talker().id === world.botUser.id && !message.room()) {
        this.heard.push(message.text() ?? '');
        this.botMessageIds.push(message.id);
        this.log.push(`bot: ${message.text()}`);
      }
    });
  }

  get id(): string {
    return this.contact.id;
  }

  /** What the bot said since the customer's last message. */
  get lastReplies(): string[] {
    return this.heard.slice(this.turnStart);
  }

  says(text: string): this {
    return this.step(`customer: ${text}`, () => {
      this.contact.say(text).to(this.world.botUser);
      return this.lastMessageId;
    });
  }

  /** A photo, as WeChat delivers images (the mock types a .png as an image). */
  sendsPhoto(data: Buffer, name = 'photo.png'): this {
    return this.step(`customer: [photo ${name}]`, () => {
      this.contact.say(FileBox.fromBase64(data.toString('base64'), name)).to(this.world.botUser);
      return this.lastMessageId;
    });
  }

  /** Any message type the mock's `say()` cannot make (a file attachment, voice, a sticker). */
  sends(type: types.Message, options: { file?: FileBox; text?: string } = {}): this {
    return this.step(`customer: [${types.Message[type]}${options.file ? ` ${options.file.name}` : ''}]`, () => this.world.sendTyped(this.contact, type, options));
  }

  /** Every pattern matches the bot's replies to the last message. */
  hears(...patterns: RegExp[]): this {
    return this.check(() => {
      const said = this.lastReplies.join('\n---\n');
      for (const pattern of patterns) expect(said, `bot should say ${pattern}\n${this.transcript()}`).to.match(pattern);
    });
  }

  hearsNot(pattern: RegExp): this {
    return this.check(() => {
      expect(this.lastReplies.join('\n---\n'), `bot should not say ${pattern}\n${this.transcript()}`).not.to.match(pattern);
    });
  }

  hearsNothing(): this {
    return this.check(() => {
      expect(this.lastReplies, this.transcript()).to.deep.equal([]);
    });
  }

  /** Runs any check between steps. */
  then_(check: () => Promise<void> | void): this {
    return this.check(check);
  }

  transcript(): string {
    return `--- transcript ---\n${this.log.join('\n')}`;
  }

  then<T1 = void, T2 = never>(onFulfilled?: ((value: void) => T1 | PromiseLike<T1>) | null, onRejected?: ((reason: unknown) => T2 | PromiseLike<T2>) | null): Promise<T1 | T2> {
    return this.chain.then(onFulfilled, onRejected);
  }

  private step(line: string, send: () => string): this {
    this.chain = this.chain.then(async () => {
      this.log.push(line);
      this.turnStart = this.heard.length;
      const started = Date.now();
      const id = send();
      await this.world.settled(id);
      const tookMs = Date.now() - started;
      expect(tookMs, `reply within 2 s (took ${tookMs} ms)\n${this.transcript()}`).to.be.below(2000);
    });
    return this;
  }

  private check(work: () => Promise<void> | void): this {
    this.chain = this.chain.then(async () => work());
    return this;
  }
}
