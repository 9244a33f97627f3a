import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, constants, copyFileSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** The rules file's bytes as text, and their sha256: the version an apply must name. */
export interface RulesText {
  text: string;
  version: string;
}

/** A previous rules file, kept byte for byte when a new one was applied. */
export interface KeptRules {
  name: string;
  /** When it stopped being the rules file. */
  keptAt: string;
  version: string;
  bytes: number;
}

/** Writes a file's bytes completely and durably (flushed), or throws. Tests pass one that fails. */
export type WriteFile = (path: string, data: Buffer) => void;

const writeDurably: WriteFile = (path, data) => writeFileSync(path, data, { flag: 'wx', flush: true });

export function versionOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The rules file on disk and its previous versions. Previous versions go to a folder next to it
 * named after it: `data/rules.yaml` keeps them as `data/rules.history/rules-<UTC time>.yaml`
 * (e.g. `rules-2026-11-22T04-00-00.123Z.yaml`, with `-1`, `-2` … when two fall in the same
 * millisecond). Every method is synchronous on purpose: within this process nothing can run
 * between reading the version and replacing the file.
 */
export class RulesVersions {
  private readonly stem: string;
  private readonly extension: string;
  readonly historyDir: string;

  constructor(
    readonly path: string,
    private readonly writeFile: WriteFile = writeDurably,
  ) {
    this.extension = extname(path) || '.yaml';
    this.stem = basename(path, extname(path));
    this.historyDir = join(dirname(path), `${this.stem}.history`);
  }

  read(): RulesText {
    const bytes = readFileSync(this.path);
    return { text: bytes.toString('utf8'), version: versionOf(bytes) };
  }

  /** Copies the current file into the history, byte for byte, and returns the copy's name. */
  keep(at: Date): string {
    mkdirSync(this.historyDir, { recursive: true });
    const stamp = at.toISOString().replaceAll(':', '-');
    for (let n = 0; ; n++) {
      const name = `${this.stem}-${stamp}${n === 0 ? '' : `-${n}`}${this.extension}`;
      try {
        copyFileSync(this.path, join(this.historyDir, name), constants.COPYFILE_EXCL);
        return name;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  /** Removes a copy just kept, when the new file could not be written after all. */
  forget(name: string): void {
    if (this.keyOf(name) !== undefined) rmSync(join(this.historyDir, name), { force: true });
  }

  /**
   * Replaces the file atomically: the new text goes to a temporary file in the same folder, then
   * a rename swaps it in, so a reader (or a crash) sees the old file or the new one, never half
   * of one. A symbolic link is followed so that the link stays a link.
   */
  replace(text: string): void {
    const target = realpathSync(this.path);
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      this.writeFile(temp, Buffer.from(text, 'utf8'));
      chmodSync(temp, statSync(target).mode);
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  /** Kept versions, newest first. */
  history(): KeptRules[] {
    let names: string[];
    try {
      names = readdirSync(this.historyDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .map(name => ({ name, key: this.keyOf(name) }))
      .filter((entry): entry is { name: string; key: { keptAt: string; n: number } } => entry.key !== undefined)
      .sort((a, b) => b.key.keptAt.localeCompare(a.key.keptAt) || b.key.n - a.key.n)
      .map(({ name, key }) => {
        const bytes = readFileSync(join(this.historyDir, name));
        return { name, keptAt: key.keptAt, version: versionOf(bytes), bytes: bytes.length };
      });
  }

  /** The text of a kept version, or undefined when no kept version has that name. */
  kept(name: string): RulesText | undefined {
    if (this.keyOf(name) === undefined) return undefined;
    try {
      const bytes = readFileSync(join(this.historyDir, name));
      return { text: bytes.toString('utf8'), version: versionOf(bytes) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** The time and counter in a kept file's name; undefined for any other name (no path can slip through). */
  private keyOf(name: string): { keptAt: string; n: number } | undefined {
    const prefix = `${this.stem}-`;
    if (!name.startsWith(prefix) || !name.endsWith(this.extension)) return undefined;
    const match = /^(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d\.\d{3}Z)(?:-(\d+))?$/.exec(name.slice(prefix.length, -this.extension.length));
    if (!match) return undefined;
    return { keptAt: `${match[1]}:${match[2]}:${match[3]}`, n: Number(match[4] ?? 0) };
  }
}
