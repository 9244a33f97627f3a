/**
 * WAL checkpoints off the turns' path. SQLite's automatic checkpoint runs inside the commit that
 * takes the WAL past 1,000 pages and fsyncs the WAL and the database there, so that one turn waits
 * (the turn bench's p99). A store turns it off on its connection (`wal_autocheckpoint = 0`) and
 * registers here instead: one worker thread, shared by every store of the process, checkpoints each
 * on a connection of its own every COMMITS_PER_CHECKPOINT commits, about as often as SQLite would
 * (more often would only add fsyncs, which the photo files' fsyncs then queue behind). The thread
 * never keeps the process alive, and ends a while after the last store closes (tests open and
 * close stores by the hundred: one thread, not one per store).
 */
import { Worker } from 'node:worker_threads';

export type CheckpointerRequest = { kind: 'watch'; id: number; file: string } | { kind: 'checkpoint' | 'unwatch'; id: number };
export type CheckpointerReply = { kind: 'unwatched' | 'lost'; id: number };

/** A turn writes about 10 pages: this many turns make SQLite's own 1,000-page threshold. */
const COMMITS_PER_CHECKPOINT = 100;
/** And at least this often, for writes not counted (a seed, the dispatchers' claims). */
const EVERY_MS = 1000;
/** How long the thread outlives the last store, so that the next one need not start it again. */
const LINGER_MS = 2000;

// The bot runs TypeScript through tsx, whose loader a worker thread does not inherit.
const WORKER_SOURCE = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(api => { api.register(); return import(${JSON.stringify(new URL('./checkpoint-worker.ts', import.meta.url).href)}); })`;

export interface WalWatch {
  /** Counts one commit of the store; every COMMITS_PER_CHECKPOINT of them, the thread checkpoints. */
  committed(): void;
  /** Resolves once the thread's connection to the file is closed (call before closing the store's). */
  unwatch(): Promise<void>;
}

interface Watched {
  fallBack(): void;
  unwatched?: () => void;
}

class CheckpointThread {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { everyMs: EVERY_MS } });
  private readonly watched = new Map<number, Watched>();
  private nextId = 1;
  private linger: NodeJS.Timeout | undefined;
  private exited = false;

  /** `retire` makes the thread no longer the shared one: the next store starts a new thread. */
  constructor(private readonly retire: () => void) {
    this.worker.unref();
    this.worker.on('message', (reply: CheckpointerReply) => this.receive(reply));
    // A thread that failed to start or died hands every store back to SQLite's own checkpoints.
    this.worker.on('error', () => undefined);
    this.worker.on('exit', () => {
      this.exited = true;
      this.retire();
      for (const entry of this.watched.values()) entry.unwatched ? entry.unwatched() : entry.fallBack();
      this.watched.clear();
    });
  }

  watch(file: string, fallBack: () => void): WalWatch {
    clearTimeout(this.linger);
    const id = this.nextId++;
    this.watched.set(id, { fallBack });
    this.worker.postMessage({ kind: 'watch', id, file } satisfies CheckpointerRequest);
    let commits = 0;
    return {
      committed: () => {
        if (++commits % COMMITS_PER_CHECKPOINT === 0 && !this.exited) this.worker.postMessage({ kind: 'checkpoint', id } satisfies CheckpointerRequest);
      },
      unwatch: () => this.unwatch(id),
    };
  }

  private unwatch(id: number): Promise<void> {
    const entry = this.watched.get(id);
    if (!entry || this.exited) return Promise.resolve();
    return new Promise(resolve => {
      entry.unwatched = resolve;
      // A close in progress keeps the process alive until the thread has let go of the file.
      this.worker.ref();
      this.worker.postMessage({ kind: 'unwatch', id } satisfies CheckpointerRequest);
    });
  }

  private receive(reply: CheckpointerReply): void {
    const entry = this.watched.get(reply.id);
    if (!entry) return;
    if (reply.kind === 'lost') return entry.fallBack();
    this.watched.delete(reply.id);
    entry.unwatched?.();
    if (![...this.watched.values()].some(other => other.unwatched)) this.worker.unref();
    if (this.watched.size > 0) return;
    this.linger = setTimeout(() => {
      this.retire();
      void this.worker.terminate();
    }, LINGER_MS).unref();
  }
}

let thread: CheckpointThread | undefined;

/**
 * Checkpoints the database `file` from the shared thread until `unwatch()`. `fallBack` is called
 * when the thread cannot (it failed to start, or its connection failed): the store then turns
 * SQLite's own checkpoints back on.
 */
export function watchWal(file: string, fallBack: () => void): WalWatch {
  if (!thread) {
    const started = new CheckpointThread(() => {
      if (thread === started) thread = undefined;
    });
    thread = started;
  }
  return thread.watch(file, fallBack);
}
