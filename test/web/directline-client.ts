import type { Activity } from 'botbuilder';
import WebSocket from 'ws';

export interface ActivitySet {
  activities: Partial<Activity>[];
  watermark: string;
}

/**
 * The calls botframework-directlinejs makes, made with fetch: the same URLs, headers and bodies
 * as the Web Chat client, without a browser.
 */
export class DirectLineClient {
  private constructor(
    readonly base: string,
    readonly token: string,
    readonly userId: string,
    readonly conversationId: string,
    readonly streamUrl: string,
  ) {}

  /** Gets a session (resuming `token` when given) and starts the conversation, like the demo page. */
  static async open(url: string, token?: string): Promise<DirectLineClient> {
    const session = (await (
      await fetch(`${url}/webchat/session`, { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {} })
    ).json()) as { token: string; userId: string };
    const response = await fetch(`${url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { id: 'someone-else' } }),
    });
    if (response.status !== 201) throw new Error(`POST /conversations: ${response.status}`);
    const conversation = (await response.json()) as { conversationId: string; streamUrl: string };
    return new DirectLineClient(`${url}/v3/directline`, session.token, session.userId, conversation.conversationId, conversation.streamUrl);
  }

  get headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' };
  }

  post(activity: object): Promise<Response> {
    return fetch(`${this.base}/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: this.headers,
      body: JSON.stringify(activity),
    });
  }

  /** Posts a message as Web Chat does (with a clientActivityID) and returns the activity id. */
  async say(text: string, clientActivityID = `c${Math.random().toString(36).slice(2)}`): Promise<string> {
    const response = await this.post({
      type: 'message',
      text,
      from: { id: 'someone-else', role: 'user' },
      channelData: { clientActivityID },
    });
    if (!response.ok) throw new Error(`POST activities: ${response.status}`);
    return ((await response.json()) as { id: string }).id;
  }

  upload(files: { name: string; type: string; data: Buffer }[], text = ''): Promise<Response> {
    const form = new FormData();
    const activity = { type: 'message', text, from: { id: 'someone-else' }, attachments: files.map(file => ({ contentType: file.type, name: file.name })) };
    form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
    for (const file of files) form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
    return fetch(`${this.base}/conversations/${this.conversationId}/upload?userId=someone-else`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}` },
      body: form,
    });
  }

  async activities(watermark = ''): Promise<ActivitySet> {
    const response = await fetch(`${this.base}/conversations/${this.conversationId}/activities?watermark=${watermark}`, {
      headers: this.headers,
    });
    if (!response.ok) throw new Error(`GET activities: ${response.status}`);
    return (await response.json()) as ActivitySet;
  }

  /** Polls as the client does without WebSocket, until `count` activities follow `watermark`. */
  async waitForActivities(count: number, watermark = '', timeoutMs = 5000): Promise<ActivitySet> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const set = await this.activities(watermark);
      if (set.activities.length >= count) return set;
      if (Date.now() > deadline) throw new Error(`waited for ${count} activities, got ${JSON.stringify(set.activities)}`);
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }
}

/** The WebSocket stream, collecting every activity pushed. */
export class Stream {
  readonly activities: Partial<Activity>[] = [];
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', data => {
      const text = data.toString();
      if (text) this.activities.push(...(JSON.parse(text) as ActivitySet).activities);
    });
  }

  static open(streamUrl: string): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(streamUrl);
      socket.once('open', () => resolve(new Stream(socket)));
      socket.once('error', reject);
    });
  }

  async waitFor(predicate: (activity: Partial<Activity>) => boolean, timeoutMs = 5000): Promise<Partial<Activity>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.activities.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such activity on the stream: ${JSON.stringify(this.activities)}`);
      await new Promise(resolve => setTimeout(resolve, 25));
    }
  }

  close(): void {
    this.socket.close();
  }
}
