import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ReturnbotError } from '../../bot/errors.js';
import type { DeskEvent, Escalation } from '../../bot/desk.js';
import type { Delivery, Outbound } from '../../bot/messages.js';
import type {
  CaseEvent, CaseRecord, CaseWrite, ConversationRecord, Customer, DueTimer, Order, PhotoRecord, Product, StoredMessage,
  TimerWrite, TurnWrite,
} from '../../bot/records.js';
import type { Store } from '../../bot/store.js';
import { watchWal, type WalWatch } from './checkpointer.js';
import { migrate } from './migrations.js';
import { writePhotoFile } from './photo-files.js';
import {
  caseEventFromRow, caseFromRow, caseToRow, conversationFromRow, customerFromRow, eventRow, messageFromRow, orderFromRow,
  orderLineFromRow, productFromRow, type ConversationRow,
} from './rows.js';
import { prepareStatements, type Statements } from './statements.js';
import {
  escalationFromRow, escalationToRow, prepareEscalationStatements, type EscalationRow, type EscalationStatements, type PhotoRow,
} from './escalation-statements.js';
import { prepareTimerStatements, type TimerRow, type TimerStatements } from './timer-statements.js';

export interface SqliteStoreOptions {
  /** Folder holding `returnbot.db` and the `photos/` tree. */
  dataDir: string;
  /**
   * Time stamped on outbox claims. Callers on a simulated clock pass it, so that claims compare
   * with the `claimedBefore` they compute from that same clock.
   */
  clock?: () => Date;
}

/** Waiting for another process's write lock beats failing the turn. */
const BUSY_TIMEOUT_MS = 5000;
/** SQLite's own checkpoint threshold (pages), should the checkpointer thread fail. */
const AUTOCHECKPOINT_PAGES = 1000;
/** At the latest, delivered marks that no turn has taken along are written this long after. */
const MARKS_WAIT_MS = 25;

/** Creates the data folder and database if needed and brings the schema up to date. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  try {
    await mkdir(options.dataDir, { recursive: true });
    return new SqliteStore(options);
  } catch (error) {
    throw storeError('openSqliteStore', error);
  }
}

/**
 * The `Store` on one SQLite file. better-sqlite3 is synchronous, so a turn's transaction runs
 * without any other turn of this process interleaving; other processes wait on the busy timeout.
 */
export class SqliteStore implements Store {
  private readonly connection: Database.Database;
  private readonly dataDir: string;
  private readonly clock: () => Date;
  private readonly sql: Statements;
  private readonly desk: EscalationStatements;
  private readonly timers: TimerStatements;
  // IMMEDIATE: take the write lock up front rather than fail on a snapshot another process moved.
  private readonly writeTurn: (turn: TurnWrite) => Delivery[];
  private readonly writeMarksAlone: () => void;
  /** Delivered marks not yet written, by the time they carry (see `markDelivered`). */
  private readonly unwrittenMarks = new Map<string, number[]>();
  private marksTimer: NodeJS.Timeout | undefined;
  private readonly wal: WalWatch;
  private closing: Promise<void> | undefined;

  /** Prefer `openSqliteStore`, which also creates the folder. */
  constructor(options: SqliteStoreOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? (() => new Date());
    const file = path.join(options.dataDir, 'returnbot.db');
    const db = new Database(file);
    this.connection = db;
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      // Checkpoints run on the shared checkpointer thread, never inside a turn's commit.
      db.pragma('wal_autocheckpoint = 0');
      migrate(db);
      this.sql = prepareStatements(db);
      this.desk = prepareEscalationStatements(db);
      this.timers = prepareTimerStatements(db);
      this.writeTurn = db.transaction((turn: TurnWrite) => this.applyTurn(turn)).immediate;
      this.writeMarksAlone = db.transaction(() => this.writeMarks()).immediate;
      this.wal = watchWal(file, () => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      });
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * The connection itself, for tests and tools; the engine goes through the `Store` methods.
   * Delivered marks still buffered are written first, so that what they read is what we know.
   */
  get db(): Database.Database {
    if (this.connection.open) this.flushMarks();
    return this.connection;
  }

  async wasHandled(channel: string, messageId: string): Promise<boolean> {
    return this.guard('wasHandled', () => this.sql.wasHandled.get(channel, messageId) !== undefined);
  }

  async loadConversation(channel: string, userId: string): Promise<ConversationRecord | null> {
    return this.guard('loadConversation', () => {
      const row = this.sql.conversationOf.get(channel, userId);
      return row ? conversationFromRow(row) : null;
    });
  }

  async saveTurn(turn: TurnWrite): Promise<Delivery[]> {
    return this.guard('saveTurn', () => {
      const deliveries = this.writeTurn(turn);
      this.wal.committed();
      this.marksWritten();
      return deliveries;
    });
  }

  /**
   * Group commit: the marks go with the next turn's transaction, or by themselves within
   * MARKS_WAIT_MS, rather than in a commit of their own after every turn (a second fsync-free
   * but still costly WAL write per turn). A mark lost in a crash only makes the dispatcher send
   * that reply again, and delivery is at least once anyway.
   */
  async markDelivered(outboxIds: number[], at: string): Promise<void> {
    if (outboxIds.length === 0) return;
    const ids = this.unwrittenMarks.get(at);
    if (ids) ids.push(...outboxIds);
    else this.unwrittenMarks.set(at, [...outboxIds]);
    this.marksTimer ??= setTimeout(() => {
      this.marksTimer = undefined;
      try {
        this.flushMarks();
      } catch {
        // Kept for the next turn or flush; never written, they only cost a resend.
      }
    }, MARKS_WAIT_MS).unref();
  }

  async pendingDeliveries(
    claimedBefore: string,
    limit: number,
  ): Promise<{ channel: string; userId: string; deliveries: Delivery[] }[]> {
    return this.guard('pendingDeliveries', () => {
      this.flushMarks();
      // RETURNING gives no order guarantee: restore the outbox order before grouping.
      const rows = this.sql.claimPending.all(this.clock().toISOString(), claimedBefore, limit).sort((a, b) => a.id - b.id);
      const groups = new Map<string, { channel: string; userId: string; deliveries: Delivery[] }>();
      for (const row of rows) {
        const key = JSON.stringify([row.channel, row.user_id]);
        let group = groups.get(key);
        if (!group) {
          group = { channel: row.channel, userId: row.user_id, deliveries: [] };
          groups.set(key, group);
        }
        group.deliveries.push({ outboxId: row.id, message: JSON.parse(row.payload_json) as Outbound });
      }
      return [...groups.values()];
    });
  }

  async findOrder(orderId: string): Promise<Order | null> {
    return this.guard('findOrder', () => {
      const row = this.sql.orderById.get(orderId);
      return row ? orderFromRow(row, this.sql.linesOfOrder.all(orderId).map(orderLineFromRow)) : null;
    });
  }

  async findCustomer(customerId: string): Promise<Customer | null> {
    return this.guard('findCustomer', () => {
      const row = this.sql.customerById.get(customerId);
      return row ? customerFromRow(row) : null;
    });
  }

  async listProducts(): Promise<Product[]> {
    return this.guard('listProducts', () => this.sql.allProducts.all().map(productFromRow));
  }

  async nextCaseId(day: string): Promise<string> {
    return this.guard('nextCaseId', () => {
      if (!/^\d{8}$/.test(day)) throw new Error(`day must be YYYYMMDD, got ${JSON.stringify(day)}`);
      const number = this.sql.nextCaseNumber.get(day);
      return `RB-${day}-${String(number).padStart(4, '0')}`;
    });
  }

  async findCase(caseId: string): Promise<CaseRecord | null> {
    return this.guard('findCase', () => {
      const row = this.sql.caseById.get(caseId);
      return row ? caseFromRow(row) : null;
    });
  }

  async casesOfCustomer(customerId: string): Promise<CaseRecord[]> {
    return this.guard('casesOfCustomer', () => this.sql.casesOfCustomer.all(customerId).map(caseFromRow));
  }

  async casesOfConversation(conversationId: string): Promise<CaseRecord[]> {
    return this.guard('casesOfConversation', () => this.sql.casesOfConversation.all(conversationId).map(caseFromRow));
  }

  async savePhoto(photo: PhotoRecord, data: Buffer): Promise<void> {
    try {
      // A row is written only once its file is flushed: a photo we have needs no file work.
      if (this.desk.photoById.get(photo.id)) return;
      const relative = await writePhotoFile(this.dataDir, photo.id, data);
      this.sql.insertPhoto.run(photo.id, photo.mime, photo.bytes, photo.conversationId, relative, photo.createdAt);
    } catch (error) {
      throw storeError('SqliteStore.savePhoto', error);
    }
  }

  async readPhoto(photoId: string): Promise<{ mime: string; data: Buffer } | null> {
    const row = this.guard('readPhoto', () => this.desk.photoById.get(photoId));
    if (!row) return null;
    try {
      return { mime: row.mime, data: await readFile(path.join(this.dataDir, row.path)) };
    } catch {
      return null;
    }
  }

  async photos(photoIds: string[]): Promise<PhotoRecord[]> {
    return this.guard('photos', () =>
      photoIds.map(id => this.desk.photoById.get(id)).filter((row): row is PhotoRow => row !== undefined).map(photoFromRow));
  }

  async lastMessages(conversationId: string, limit: number): Promise<StoredMessage[]> {
    return this.guard('lastMessages', () => {
      const newest = this.desk.lastMessages.all(conversationId, limit).at(-1);
      return newest ? this.sql.messagesAfter.all(conversationId, newest.id - 1, limit).map(messageFromRow) : [];
    });
  }

  async findEscalation(escalationId: string): Promise<Escalation | null> {
    return this.guard('findEscalation', () => escalationOrNull(this.desk.escalationById.get(escalationId)));
  }

  async openEscalationOf(conversationId: string): Promise<Escalation | null> {
    return this.guard('openEscalationOf', () => escalationOrNull(this.desk.openEscalationOf.get(conversationId)));
  }

  async findEscalationByDeskRef(channel: string, ts: string): Promise<Escalation | null> {
    return this.guard('findEscalationByDeskRef', () => escalationOrNull(this.desk.escalationByDeskRef.get(channel, ts)));
  }

  async openEscalations(): Promise<Escalation[]> {
    return this.guard('openEscalations', () => this.desk.openEscalations.all().map(escalationFromRow));
  }

  async saveEscalation(escalation: Escalation, at: string): Promise<void> {
    this.guard('saveEscalation', () => this.writeEscalation(escalation, at));
  }

  async pendingDeskEvents(claimedBefore: string, limit: number): Promise<{ id: number; event: DeskEvent }[]> {
    return this.guard('pendingDeskEvents', () =>
      this.desk.claimDeskEvents.all(this.clock().toISOString(), claimedBefore, limit)
        .sort((a, b) => a.id - b.id)
        .map(row => ({ id: row.id, event: JSON.parse(row.event_json) as DeskEvent })));
  }

  async markDeskEventsPublished(ids: number[], at: string): Promise<void> {
    if (ids.length === 0) return;
    this.guard('markDeskEventsPublished', () => this.desk.markDeskEventsPublished.run(at, JSON.stringify(ids)));
  }

  async dueTimers(now: string, claimedBefore: string, limit: number): Promise<DueTimer[]> {
    return this.guard('dueTimers', () => {
      const params = { now: instant(now, 'now'), claimed_before: instant(claimedBefore, 'claimedBefore'), limit };
      // RETURNING gives no order guarantee: restore the due order.
      return this.timers.claimDueTimers.all(params).sort(byDueThenId).map(timerFromRow);
    });
  }

  async pendingTimers(subject: string): Promise<DueTimer[]> {
    return this.guard('pendingTimers', () => this.timers.pendingTimersOf.all(subject).map(timerFromRow));
  }

  async markTimerFired(id: number, at: string): Promise<void> {
    this.guard('markTimerFired', () => this.timers.markTimerFired.run(instant(at, 'at'), id));
  }

  async caseEvents(caseId: string): Promise<CaseEvent[]> {
    return this.guard('caseEvents', () => this.timers.caseEvents.all(caseId).map(caseEventFromRow));
  }

  async messages(conversationId: string, afterId: number, limit: number): Promise<StoredMessage[]> {
    return this.guard('messages', () => this.sql.messagesAfter.all(conversationId, afterId, limit).map(messageFromRow));
  }

  /** Writes what is buffered, lets the checkpointer go, then closes (the last connection checkpoints). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.connection.open) return;
      clearTimeout(this.marksTimer);
      try {
        this.guard('close', () => this.flushMarks());
      } finally {
        await this.wal.unwatch();
        this.guard('close', () => this.connection.close());
      }
    })();
    return this.closing;
  }

  /** Writes the buffered delivered marks in a transaction of their own. */
  private flushMarks(): void {
    if (this.unwrittenMarks.size === 0) return;
    this.writeMarksAlone();
    this.wal.committed();
    this.marksWritten();
  }

  /** Inside a transaction; the buffer is emptied only once it commits (`marksWritten`). */
  private writeMarks(): void {
    for (const [at, ids] of this.unwrittenMarks) this.sql.markDelivered.run(at, JSON.stringify(ids));
  }

  private marksWritten(): void {
    this.unwrittenMarks.clear();
    clearTimeout(this.marksTimer);
    this.marksTimer = undefined;
  }

  /** The body of `saveTurn`'s transaction: any throw rolls the whole turn back. */
  private applyTurn(turn: TurnWrite): Delivery[] {
    const { conversation, at } = turn;
    this.writeMarks();
    if (turn.inbound) {
      const { channel, messageId, text, attachmentCount } = turn.inbound;
      if (this.sql.insertHandled.run(channel, messageId, conversation.id, at).changes === 0) {
        throw new ReturnbotError(
          'duplicate_message',
          `SqliteStore.saveTurn(): message ${channel}/${messageId} was already handled`,
        );
      }
      this.sql.insertMessage.run({
        conversation_id: conversation.id,
        direction: 'in',
        text,
        payload_json: JSON.stringify({ attachmentCount }),
        at,
      });
    }
    if (turn.actionKey && this.sql.insertHandled.run(turn.actionKey.channel, turn.actionKey.messageId, conversation.id, at).changes === 0) {
      throw new ReturnbotError('duplicate_message', `SqliteStore.saveTurn(): action ${turn.actionKey.channel}/${turn.actionKey.messageId} was already handled`);
    }
    this.writeConversation(conversation, turn.expectedVersion, at);
    for (const write of turn.cases) this.writeCase(write, at);
    for (const escalation of turn.escalations ?? []) this.writeEscalation(escalation, at);
    for (const { escalationId, event } of turn.deskEvents ?? []) this.desk.insertDeskEvent.run(escalationId, JSON.stringify(event), at);
    for (const timer of turn.timers ?? []) this.writeTimer(timer, at);
    return turn.replies.map((reply) => this.enqueue(conversation, reply, at));
  }

  /** Sets a timer unless the same kind is already pending for the subject (the first one stands). */
  private writeTimer(timer: TimerWrite, at: string): void {
    this.timers.insertTimer.run({
      kind: timer.kind,
      subject: timer.subject,
      due_at: instant(timer.dueAt, `timer ${timer.kind}/${timer.subject} dueAt`),
      created_at: at,
    });
  }

  private writeEscalation(escalation: Escalation, at: string): void {
    this.desk.upsertEscalation.run(escalationToRow(escalation, at));
  }

  private writeConversation(conversation: ConversationRecord, expectedVersion: number, at: string): void {
    const row: ConversationRow = {
      id: conversation.id,
      channel: conversation.channel,
      user_id: conversation.userId,
      version: expectedVersion + 1,
      customer_id: conversation.customerId,
      state_json: JSON.stringify(conversation.state),
      // The time of the write, not `conversation.updatedAt`, which the engine may not have moved.
      updated_at: at,
    };
    // An insert losing to a concurrent first turn is as stale as an update losing to a later one.
    const changes = expectedVersion === 0
      ? this.sql.insertConversation.run(row).changes
      : this.sql.updateConversation.run({ ...row, expected_version: expectedVersion }).changes;
    if (changes === 0) {
      throw new ReturnbotError(
        'stale_state',
        `SqliteStore.saveTurn(): conversation ${conversation.id} is no longer at version ${expectedVersion}`,
      );
    }
  }

  private writeCase(write: CaseWrite, at: string): void {
    switch (write.kind) {
      case 'create':
        this.sql.insertCase.run(caseToRow(write.record));
        this.sql.insertCaseEvent.run(eventRow(write.event));
        return;
      case 'transition': {
        const { outcome, decision } = write.patch;
        const { changes } = this.sql.transitionCase.run({
          id: write.caseId,
          status: write.to,
          updated_at: at,
          set_outcome: outcome === undefined ? 0 : 1,
          outcome: outcome ?? null,
          set_decision: decision === undefined ? 0 : 1,
          decision_json: decision === undefined ? null : JSON.stringify(decision),
        });
        if (changes === 0) throw new Error(`case ${write.caseId} does not exist`);
        this.sql.insertCaseEvent.run(eventRow(write.event));
        return;
      }
      case 'feedback':
        this.sql.insertCaseFeedback.run(write.caseId, write.score, write.comment, write.at);
        return;
      default:
        throw new Error(`unknown case write ${JSON.stringify(write satisfies never)}`);
    }
  }

  private enqueue(conversation: ConversationRecord, reply: Outbound, at: string): Delivery {
    const payload = JSON.stringify(reply);
    this.sql.insertMessage.run({
      conversation_id: conversation.id,
      direction: 'out',
      text: reply.text,
      payload_json: payload,
      at,
    });
    // Claimed at birth: the turn that wrote it sends it, the dispatcher only picks up what it drops.
    const { lastInsertRowid } = this.sql.insertOutbox.run(
      conversation.id, conversation.channel, conversation.userId, payload, at, at,
    );
    return { outboxId: Number(lastInsertRowid), message: reply };
  }

  private guard<T>(method: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw storeError(`SqliteStore.${method}`, error);
    }
  }
}

function escalationOrNull(row: EscalationRow | undefined): Escalation | null {
  return row ? escalationFromRow(row) : null;
}

function timerFromRow(row: TimerRow): DueTimer {
  return { id: row.id, kind: row.kind, subject: row.subject, dueAt: row.due_at };
}

function byDueThenId(a: TimerRow, b: TimerRow): number {
  return a.due_at < b.due_at ? -1 : a.due_at > b.due_at ? 1 : a.id - b.id;
}

/**
 * Timer instants are compared as text in SQL, so they are stored in one form only
 * (`toISOString()`, UTC with milliseconds), whatever offset the caller wrote.
 */
function instant(value: string, what: string): string {
  // An explicit Z or offset: a local time would depend on the server's zone.
  const time = ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new Error(`${what} must be an ISO-8601 instant with Z or an offset, got ${JSON.stringify(value)}`);
  return new Date(time).toISOString();
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function photoFromRow(row: PhotoRow): PhotoRecord {
  return { id: row.sha256, mime: row.mime, bytes: row.bytes, conversationId: row.conversation_id, createdAt: row.created_at };
}

/** Keeps the two coded outcomes of a turn; anything else SQLite or the disk says is `store_failed`. */
function storeError(where: string, error: unknown): ReturnbotError {
  if (error instanceof ReturnbotError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ReturnbotError('store_failed', `${where}(): ${detail}`, { cause: error });
}
