import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { FILE_TTL_MS, STORED_FILE_BYTES } from '../limits.js';
import { HttpError } from '../http.js';

interface StoredFile {
  data: Buffer;
  contentType: string;
  expires: number;
}

/** Types a browser may show inline from our origin; anything else (SVG, HTML) is a download. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * Uploaded files, held briefly at unguessable URLs for the bot to fetch, the way Azure's Direct
 * Line hands bots an attachment URL. Memory only, bounded in bytes and in time.
 */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private storedBytes = 0;

  constructor(private readonly baseUrl: string) {}

  /** Stores the files of one upload, all or none; returns their URLs in order. */
  putAll(files: { data: Buffer; contentType: string }[], now = Date.now()): string[] {
    this.sweep(now);
    const incoming = files.reduce((sum, file) => sum + file.data.length, 0);
    if (this.storedBytes + incoming > STORED_FILE_BYTES) throw new HttpError(503, 'too many uploads at the moment');
    return files.map(file => {
      const id = randomBytes(24).toString('base64url');
      this.files.set(id, { ...file, expires: now + FILE_TTL_MS });
      this.storedBytes += file.data.length;
      return `${this.baseUrl}/${id}`;
    });
  }

  /**
   * The bytes behind one of our own URLs, as a GET of it would return them: the bot reads its own
   * Direct Line's uploads in place rather than over loopback HTTP. Undefined for any other URL.
   */
  bytesAt(url: string, now = Date.now()): Buffer | undefined {
    if (!url.startsWith(`${this.baseUrl}/`)) return undefined;
    const file = this.files.get(url.slice(this.baseUrl.length + 1));
    return file && file.expires > now ? file.data : undefined;
  }

  routes(): Router {
    const router = Router();
    router.get('/:fileId', (req, res) => {
      this.sweep(Date.now());
      const file = this.files.get(req.params.fileId);
      if (!file) throw new HttpError(404, 'no such file');
      const inline = INLINE_TYPES.has(file.contentType);
      res.set({
        'Content-Type': inline ? file.contentType : 'application/octet-stream',
        'Content-Disposition': inline ? 'inline' : 'attachment',
        'Content-Security-Policy': "default-src 'none'",
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, max-age=600',
      });
      res.send(file.data);
    });
    return router;
  }

  clear(): void {
    this.files.clear();
    this.storedBytes = 0;
  }

  private sweep(now: number): void {
    // Every file lives FILE_TTL_MS, so the Map's insertion order is expiry order: stop at the first
    // one still valid rather than walk them all at every upload and fetch.
    for (const [id, file] of this.files) {
      if (file.expires > now) break;
      this.files.delete(id);
      this.storedBytes -= file.data.length;
    }
  }
}
