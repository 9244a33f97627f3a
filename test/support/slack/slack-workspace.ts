import { APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID } from './workspace.js';

/** A method's arguments after parsing: form fields are strings, JSON bodies keep their types. */
export type SlackArgs = Record<string, unknown>;

/** Slack answers HTTP 200 to almost everything and says success or failure in `ok`. */
export type SlackResult = { ok: true; [field: string]: unknown } | { ok: false; error: string };

/** A person in the user table, shaped like the `profile` fields `users.info` returns. */
export interface SlackUser {
  real_name: string;
  display_name: string;
  tz?: string;
}

/** A conversation in the channel table; `conversations.info` derives its `is_*` flags from these. */
export interface SlackChannel {
  name: string;
  is_im?: boolean;
  is_private?: boolean;
}

/** A file announced by `files.getUploadURLExternal`; `content` arrives at the upload URL. */
export interface StoredFile {
  id: string;
  name: string;
  length: number;
  title?: string;
  content?: Buffer;
  channels: string[];
  thread_ts?: string;
  initial_comment?: string;
}

/** The first ts handed out; Slack's ts are "seconds.micros" strings that sort by time. */
const FIRST_TS_SECONDS = 1_700_000_000;

const fail = (error: string): SlackResult => ({ ok: false, error });

/** A field as Slack reads it: form bodies carry numbers as strings, JSON bodies as numbers. */
function text(args: SlackArgs, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * The state behind the Web API stand-in: the messages, views and files the bot created, and the
 * user and channel tables it reads. Each method checks the arguments real Slack insists on and
 * answers with Slack's error code when they are missing, so a console that forgets `channel` or
 * updates the wrong `ts` fails here as it would in production.
 */
export class SlackWorkspace {
  readonly files = new Map<string, StoredFile>();
  private readonly messages = new Map<string, SlackArgs>();
  private readonly views = new Map<string, SlackArgs>();
  private serial = 0;

  constructor(
    readonly users: Map<string, SlackUser>,
    readonly channels: Map<string, SlackChannel>,
    /** Where the server listens, for upload URLs; known only once it is listening. */
    private readonly origin: () => string,
  ) {}

  /** Runs one Web API method; `undefined` means Slack has no such method. */
  call(method: string, args: SlackArgs): SlackResult | undefined {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${TEAM_DOMAIN}.slack.com/`,
          team: 'Returnbot Test',
          user: 'returnbot',
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
          is_enterprise_install: false,
        };
      case 'chat.postMessage':
        return this.postMessage(args);
      case 'chat.update':
        return this.updateMessage(args);
      case 'chat.postEphemeral':
        if (!text(args, 'channel')) return fail('channel_not_found');
        if (!text(args, 'user')) return fail('user_not_in_channel');
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open':
        return this.openView(args);
      case 'views.update':
        return this.updateView(args);
      case 'users.info':
        return this.userInfo(args);
      case 'conversations.info':
        return this.conversationInfo(args);
      case 'files.getUploadURLExternal':
        return this.announceFile(args);
      case 'files.completeUploadExternal':
        return this.completeUpload(args);
      case 'files.info': {
        const file = this.files.get(text(args, 'file') ?? '');
        return file?.content ? { ok: true, file: this.fileObject(file) } : fail('file_not_found');
      }
      default:
        return undefined;
    }
  }

  /** Stores the bytes sent to an upload URL; false when the URL names no announced file. */
  receiveUpload(fileId: string, content: Buffer): boolean {
    const file = this.files.get(fileId);
    if (!file) return false;
    file.content = content;
    return true;
  }

  /** A ts later than every one before, e.g. '1700000000.000100', then '.000200'. */
  nextTs(): string {
    const micros = ++this.serial * 100;
    const seconds = FIRST_TS_SECONDS + Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  private nextId(prefix: string): string {
    return `${prefix}${String(++this.serial).padStart(8, '0')}`;
  }

  private postMessage(args: SlackArgs): SlackResult {
    const channel = text(args, 'channel');
    if (!channel) return fail('channel_not_found');
    if (!text(args, 'text') && args.blocks === undefined && args.attachments === undefined) {
      return fail('no_text');
    }
    const ts = this.nextTs();
    const message: SlackArgs = {
      type: 'message',
      user: BOT_USER_ID,
      bot_id: BOT_ID,
      app_id: APP_ID,
      team: TEAM_ID,
      text: text(args, 'text') ?? '',
      ts,
      ...(args.blocks !== undefined && { blocks: args.blocks }),
      ...(text(args, 'thread_ts') && { thread_ts: text(args, 'thread_ts') }),
    };
    this.messages.set(`${channel} ${ts}`, message);
    return { ok: true, channel, ts, message };
  }

  private updateMessage(args: SlackArgs): SlackResult {
    const channel = text(args, 'channel');
    const ts = text(args, 'ts');
    if (!channel) return fail('channel_not_found');
    const message = this.messages.get(`${channel} ${ts}`);
    // Real Slack only lets the bot edit what the bot posted.
    if (!ts || !message) return fail('message_not_found');
    if (args.text !== undefined) message.text = args.text;
    if (args.blocks !== undefined) message.blocks = args.blocks;
    message.edited = { user: BOT_USER_ID, ts: this.nextTs() };
    return { ok: true, channel, ts, text: message.text, message };
  }

  private openView(args: SlackArgs): SlackResult {
    if (!text(args, 'trigger_id')) return fail('invalid_arguments');
    if (typeof args.view !== 'object' || args.view === null) return fail('invalid_arguments');
    const id = this.nextId('V');
    const view: SlackArgs = {
      private_metadata: '',
      callback_id: '',
      external_id: '',
      ...(args.view as SlackArgs),
      id,
      team_id: TEAM_ID,
      app_id: APP_ID,
      bot_id: BOT_ID,
      root_view_id: id,
      previous_view_id: null,
      state: { values: {} },
      hash: this.nextTs(),
    };
    this.views.set(id, view);
    return { ok: true, view };
  }

  private updateView(args: SlackArgs): SlackResult {
    if (typeof args.view !== 'object' || args.view === null) return fail('invalid_arguments');
    const externalId = text(args, 'external_id');
    const old =
      this.views.get(text(args, 'view_id') ?? '') ??
      [...this.views.values()].find((v) => externalId !== undefined && v.external_id === externalId);
    if (!old) return fail('not_found');
    const view: SlackArgs = {
      ...old,
      ...(args.view as SlackArgs),
      id: old.id,
      hash: this.nextTs(),
    };
    this.views.set(String(old.id), view);
    return { ok: true, view };
  }

  private userInfo(args: SlackArgs): SlackResult {
    const id = text(args, 'user') ?? '';
    const user = this.users.get(id);
    if (!user) return fail('user_not_found');
    return {
      ok: true,
      user: {
        id,
        team_id: TEAM_ID,
        name: user.display_name || user.real_name,
        real_name: user.real_name,
        tz: user.tz ?? 'Asia/Shanghai',
        deleted: false,
        is_bot: false,
        profile: {
          real_name: user.real_name,
          real_name_normalized: user.real_name,
          display_name: user.display_name,
          display_name_normalized: user.display_name,
        },
      },
    };
  }

  private conversationInfo(args: SlackArgs): SlackResult {
    const id = text(args, 'channel') ?? '';
    const channel = this.channels.get(id);
    if (!channel) return fail('channel_not_found');
    const isIm = channel.is_im ?? false;
    const isPrivate = channel.is_private ?? false;
    return {
      ok: true,
      channel: {
        id,
        name: channel.name,
        is_channel: !isIm && !isPrivate,
        is_group: isPrivate,
        is_im: isIm,
        is_private: isPrivate || isIm,
        is_member: true,
        is_archived: false,
      },
    };
  }

  private announceFile(args: SlackArgs): SlackResult {
    const name = text(args, 'filename');
    const length = Number(text(args, 'length'));
    if (!name || !Number.isInteger(length) || length <= 0) return fail('invalid_arguments');
    const id = this.nextId('F');
    this.files.set(id, { id, name, length, channels: [] });
    return { ok: true, file_id: id, upload_url: `${this.origin()}/upload/v1/${id}` };
  }

  private completeUpload(args: SlackArgs): SlackResult {
    const wanted = args.files;
    if (!Array.isArray(wanted) || wanted.length === 0) return fail('invalid_arguments');
    const channel = text(args, 'channel_id');
    const done: StoredFile[] = [];
    for (const entry of wanted as SlackArgs[]) {
      const file = this.files.get(text(entry, 'id') ?? '');
      // A file whose bytes never reached the upload URL cannot be completed.
      if (!file?.content) return fail('file_not_found');
      done.push(file);
    }
    for (const [i, file] of done.entries()) {
      const title = text(wanted[i] as SlackArgs, 'title');
      if (title) file.title = title;
      if (channel) file.channels.push(channel);
      const threadTs = text(args, 'thread_ts');
      const comment = text(args, 'initial_comment');
      if (threadTs) file.thread_ts = threadTs;
      if (comment) file.initial_comment = comment;
    }
    // Slack's answer names only id and title; the rest comes from files.info.
    return { ok: true, files: done.map((f) => ({ id: f.id, title: f.title ?? f.name })) };
  }

  private fileObject(file: StoredFile): SlackArgs {
    return {
      id: file.id,
      name: file.name,
      title: file.title ?? file.name,
      size: file.content?.length ?? file.length,
      user: BOT_USER_ID,
      channels: file.channels,
      url_private: `${this.origin()}/files/${file.id}/${encodeURIComponent(file.name)}`,
      permalink: `https://${TEAM_DOMAIN}.slack.com/files/${BOT_USER_ID}/${file.id}`,
    };
  }
}
