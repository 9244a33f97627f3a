/** Photo bytes on disk, named by their sha256 so that the same photo is kept once. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** Path relative to the data folder, so that the folder can be moved without touching the rows. */
function photoPath(sha256: string): string {
  return path.join('photos', sha256.slice(0, 2), sha256);
}

/**
 * Writes the bytes under `dataDir` (the caller skips photos it already has; writing one again
 * is harmless: same name, same bytes). Readers never see a partial file: the bytes go to a
 * temporary name, are flushed, then renamed over the final one.
 */
export async function writePhotoFile(dataDir: string, sha256: string, data: Buffer): Promise<string> {
  const digest = createHash('sha256').update(data).digest('hex');
  // The id becomes a file name: only a digest of these very bytes may be used as one.
  if (digest !== sha256) throw new Error(`photo id ${JSON.stringify(sha256)} is not the sha256 of its bytes`);
  const relative = photoPath(sha256);
  const target = path.join(dataDir, relative);
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const file = await openNew(temporary);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return relative;
}

/**
 * Creates the file, and its folder the first time only: each file system step is a round trip
 * through the thread pool, and the photo turn is the slowest (bench:turns).
 */
async function openNew(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true });
    return open(file, 'wx');
  }
}
