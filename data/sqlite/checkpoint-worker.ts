/**
 * The body of the checkpointer thread (see checkpointer.ts): one connection per registered
 * database, a PASSIVE checkpoint of it when its store asks and every `everyMs` (writes the store
 * does not count, e.g. the demo seed at start). PASSIVE never waits for a lock, so the stores' own
 * connections are never held up; a checkpoint with nothing to copy costs a read of the WAL index.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointerReply, CheckpointerRequest } from './checkpointer.js';

const port = parentPort!;
const connections = new Map<number, Database.Database>();

/** The store falls back to SQLite's own checkpoints when this thread cannot do them. */
function lose(id: number): void {
  connections.get(id)?.close();
  connections.delete(id);
  port.postMessage({ kind: 'lost', id } satisfies CheckpointerReply);
}

function checkpoint(id: number): void {
  try {
    connections.get(id)?.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    lose(id);
  }
}

setInterval(() => {
  for (const id of connections.keys()) checkpoint(id);
}, (workerData as { everyMs: number }).everyMs);

port.on('message', (request: CheckpointerRequest) => {
  if (request.kind === 'watch') {
    try {
      connections.set(request.id, new Database(request.file, { fileMustExist: true }));
    } catch {
      lose(request.id);
    }
    return;
  }
  if (request.kind === 'checkpoint') return checkpoint(request.id);
  // Closed before the store's own connection, so that ours is never the last one: the last to
  // close deletes the WAL by name, which may by then belong to a new database at the same path.
  connections.get(request.id)?.close();
  connections.delete(request.id);
  port.postMessage({ kind: 'unwatched', id: request.id } satisfies CheckpointerReply);
});
