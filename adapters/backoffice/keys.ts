import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { BackofficeScope } from '../../bot/backoffice.js';
import { ReturnbotError } from '../../bot/errors.js';

/**
 * The back-office callers' keys. The file keeps only each key's sha256: whoever reads it cannot
 * call the API. `npm run backoffice:key` adds a key and shows it once.
 */

export const SCOPES = ['courier', 'warehouse', 'operations'] as const satisfies readonly BackofficeScope[];

const KEY_ID = /^[A-Za-z0-9][\w.-]{0,63}$/;

const entrySchema = z.looseObject({
  id: z.string().regex(KEY_ID, 'letters, digits, dot, dash or underscore, at most 64'),
  scope: z.enum(SCOPES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits: the key's sha256, never the key"),
  createdAt: z.iso.datetime({ offset: true }),
});

const fileSchema = z.array(entrySchema).superRefine((entries, context) => {
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `"${entry.id}" is used twice (also entry ${seen.get(entry.id)})` });
    seen.set(entry.id, index);
  });
});

export type KeyEntry = z.infer<typeof entrySchema>;

/** Who is calling: the key's id (for logs) and what it may do. */
export interface Caller {
  keyId: string;
  scope: BackofficeScope;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key: 32 random bytes, with a prefix that makes a leaked one easy to recognise. */
export function generateKey(): string {
  return `rbk_${randomBytes(32).toString('base64url')}`;
}

/** Reads and checks a keys file; an absent file is an empty list. Errors name the file and field. */
export function readKeysFile(file: string): KeyEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ReturnbotError('config_invalid', `back-office keys file ${file}: cannot read it (${(error as Error).message})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReturnbotError('config_invalid', `back-office keys file ${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => `${issue.path.map(part => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '') || '(file)'}: ${issue.message}`);
    throw new ReturnbotError('config_invalid', `back-office keys file ${file}: ${problems.join('; ')} (expected [{ "id", "scope", "sha256", "createdAt" }])`);
  }
  return parsed.data;
}

/** Writes the whole list at once (a temporary file renamed over the old one), readable by the owner only. */
export function writeKeysFile(file: string, entries: readonly KeyEntry[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** Adds a new key for `scope`; returns the key itself, which is stored nowhere. */
export function addKey(file: string, scope: BackofficeScope, options: { id?: string; now?: Date } = {}): { key: string; entry: KeyEntry } {
  const entries = readKeysFile(file);
  const id = options.id ?? nextId(entries, scope);
  if (!KEY_ID.test(id)) throw new ReturnbotError('config_invalid', `key id "${id}": letters, digits, dot, dash or underscore, at most 64`);
  if (entries.some(entry => entry.id === id)) throw new ReturnbotError('config_invalid', `key id "${id}" already exists in ${file}`);
  const key = generateKey();
  const entry: KeyEntry = { id, scope, sha256: hashKey(key), createdAt: (options.now ?? new Date()).toISOString() };
  writeKeysFile(file, [...entries, entry]);
  return { key, entry };
}

/** Removes a key; false when no key has that id. */
export function revokeKey(file: string, id: string): boolean {
  const entries = readKeysFile(file);
  const kept = entries.filter(entry => entry.id !== id);
  if (kept.length === entries.length) return false;
  writeKeysFile(file, kept);
  return true;
}

function nextId(entries: readonly KeyEntry[], scope: BackofficeScope): string {
  for (let n = 1; ; n++) {
    const id = `${scope}-${n}`;
    if (!entries.some(entry => entry.id === id)) return id;
  }
}

interface Loaded {
  keyId: string;
  scope: BackofficeScope;
  hash: Buffer;
}

/**
 * The keys the API accepts. Built from a file, it notices when the file changes (a key added or
 * revoked takes effect at the next request, no restart); a file that turns invalid refuses every
 * request until it is fixed.
 */
export class KeyRing {
  private loaded: Loaded[] = [];
  private signature = '';

  private constructor(private readonly file: string | undefined) {}

  /** Keys from `file` (absent = none yet); throws on an invalid file, naming it and the field. */
  static fromFile(file: string): KeyRing {
    const ring = new KeyRing(file);
    ring.refresh();
    return ring;
  }

  /** A fixed list of entries (tests, other sources). */
  static fromEntries(entries: readonly KeyEntry[]): KeyRing {
    const checked = fileSchema.safeParse(entries);
    if (!checked.success) throw new ReturnbotError('config_invalid', `KeyRing.fromEntries(): ${checked.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    const ring = new KeyRing(undefined);
    ring.loaded = toLoaded(checked.data);
    return ring;
  }

  get size(): number {
    this.refresh();
    return this.loaded.length;
  }

  /** The caller a presented key belongs to, or null. Compares hashes in constant time, over every entry. */
  identify(presented: string): Caller | null {
    this.refresh();
    const hash = createHash('sha256').update(presented, 'utf8').digest();
    let found: Loaded | null = null;
    for (const entry of this.loaded) {
      if (timingSafeEqual(entry.hash, hash) && !found) found = entry;
    }
    return found ? { keyId: found.keyId, scope: found.scope } : null;
  }

  private refresh(): void {
    if (!this.file) return;
    const stat = statSync(this.file, { throwIfNoEntry: false });
    const signature = stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : 'absent';
    if (signature === this.signature) return;
    this.loaded = [];
    this.signature = '';
    this.loaded = toLoaded(readKeysFile(this.file));
    this.signature = signature;
  }
}

function toLoaded(entries: readonly KeyEntry[]): Loaded[] {
  return entries.map(entry => ({ keyId: entry.id, scope: entry.scope, hash: Buffer.from(entry.sha256, 'hex') }));
}
