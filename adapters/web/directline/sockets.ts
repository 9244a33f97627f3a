import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { describeError, type Logger } from '../logger.js';
import type { ActivitySet } from './conversations.js';

/** A socket that answered no ping in this long is gone (a closed laptop lid sends no FIN). */
const HEARTBEAT_MS = 30_000;

/** How long a closing socket may take to say goodbye when the server stops. */
const CLOSE_GRACE_MS = 1_000;

export interface SocketOptions {
  server: Server;
  /** Matches our stream paths; other upgrade requests are left to whoever else listens. */
  path: RegExp;
  /**
   * What a socket with the URL's ticket missed (the transcript after the URL's watermark), or
   * undefined when the ticket does not open this conversation.
   */
  open(conversationId: string, ticket: string, watermark: string | undefined): Promise<ActivitySet | undefined>;
  logger: Logger;
}

/** The Direct Line stream: one WebSocket per open page, activities pushed as they happen. */
export class Sockets {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  private readonly byConversation = new Map<string, Set<WebSocket>>();
  private readonly unanswered = new Set<WebSocket>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly options: SocketOptions) {}

  start(): void {
    this.options.server.on('upgrade', this.onUpgrade);
    this.heartbeat = setInterval(() => this.checkAlive(), HEARTBEAT_MS).unref();
  }

  push(conversationId: string, set: ActivitySet): void {
    const message = JSON.stringify(set);
    for (const socket of this.byConversation.get(conversationId) ?? []) socket.send(message);
  }

  async stop(): Promise<void> {
    this.options.server.off('upgrade', this.onUpgrade);
    clearInterval(this.heartbeat);
    for (const socket of this.wss.clients) socket.close(1001, 'server stopping');
    // A peer that never answers the close handshake would hold the stop for ws's 30 s.
    const cutOff = setTimeout(() => this.wss.clients.forEach(socket => socket.terminate()), CLOSE_GRACE_MS);
    await new Promise<void>(resolve => this.wss.close(() => resolve()));
    clearTimeout(cutOff);
    this.byConversation.clear();
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = this.options.path.exec(url.pathname);
    if (!match) return;
    const conversationId = decodeURIComponent(match[1] ?? '');
    this.upgrade(conversationId, url, req, socket, head).catch(error => {
      this.options.logger.warn({ where: 'directline.stream', conversationId, ...describeError(error) }, 'socket not opened');
      socket.destroy();
    });
  };

  private async upgrade(conversationId: string, url: URL, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const missed = await this.options.open(conversationId, url.searchParams.get('t') ?? '', url.searchParams.get('watermark') ?? undefined);
    if (!missed) {
      this.options.logger.warn({ where: 'directline.stream', conversationId, status: 403 }, 'web request refused');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (socket.destroyed) return;
    this.wss.handleUpgrade(req, socket, head, ws => this.attach(conversationId, ws, missed));
  }

  private attach(conversationId: string, ws: WebSocket, missed: ActivitySet): void {
    const sockets = this.byConversation.get(conversationId) ?? new Set<WebSocket>();
    this.byConversation.set(conversationId, sockets);
    sockets.add(ws);
    ws.on('pong', () => this.unanswered.delete(ws));
    ws.on('error', error =>
      this.options.logger.warn({ where: 'directline.stream', conversationId, ...describeError(error) }, 'socket error'),
    );
    ws.on('close', () => {
      this.unanswered.delete(ws);
      sockets.delete(ws);
      if (sockets.size === 0) this.byConversation.delete(conversationId);
    });
    if (missed.activities.length > 0) ws.send(JSON.stringify(missed));
  }

  private checkAlive(): void {
    for (const socket of this.wss.clients) {
      if (this.unanswered.has(socket)) {
        socket.terminate();
        continue;
      }
      this.unanswered.add(socket);
      socket.ping();
    }
  }
}
