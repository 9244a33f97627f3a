import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { HttpError } from '../http.js';
import { MAX_FILES_PER_MESSAGE, UPLOAD_ACTIVITY_BYTES } from '../limits.js';

export interface UploadedFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface Upload {
  activity: Record<string, unknown>;
  files: UploadedFile[];
}

/** Multipart framing per part, generously: only used to refuse hopeless uploads before reading. */
const PART_OVERHEAD = 2048;

/**
 * Reads Direct Line's upload: one `activity` part (JSON, a file or a field) and `file` parts. Every
 * part is capped while it streams, so an oversized upload costs us at most the cap, never the file.
 */
export function readUpload(req: IncomingMessage, maxFileBytes: number): Promise<Upload> {
  const maxBody = UPLOAD_ACTIVITY_BYTES + MAX_FILES_PER_MESSAGE * (maxFileBytes + PART_OVERHEAD);
  if (Number(req.headers['content-length']) > maxBody) {
    req.resume();
    return Promise.reject(new HttpError(413, 'upload too large'));
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send file names as raw UTF-8; busboy's default (latin1) would garble 发霉.png.
        defParamCharset: 'utf8',
        limits: { files: MAX_FILES_PER_MESSAGE + 1, fields: 1, fieldSize: UPLOAD_ACTIVITY_BYTES, parts: MAX_FILES_PER_MESSAGE + 1 },
      });
    } catch {
      reject(new HttpError(400, 'expected multipart/form-data'));
      return;
    }
    let settled = false;
    let activityJson: string | undefined;
    const files: UploadedFile[] = [];
    let fileParts = 0;

    const fail = (error: HttpError): void => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      // Read the rest so that the client, still sending, sees our answer instead of a reset.
      req.resume();
      reject(error);
    };

    parser.on('file', (part, stream, info) => {
      const cap = part === 'activity' ? UPLOAD_ACTIVITY_BYTES : part === 'file' ? maxFileBytes : -1;
      if (cap < 0) return fail(new HttpError(400, `unexpected part "${part}"`));
      if (part === 'file' && ++fileParts > MAX_FILES_PER_MESSAGE) return fail(tooManyFiles());
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > cap) fail(new HttpError(413, part === 'file' ? 'file too large' : 'activity too large'));
        else chunks.push(chunk);
      });
      stream.on('end', () => {
        if (size > cap) return;
        const data = Buffer.concat(chunks);
        if (part === 'activity') activityJson = data.toString('utf8');
        else files.push({ name: info.filename ?? '', contentType: info.mimeType, data });
      });
    });
    parser.on('field', (name, value, info) => {
      if (name !== 'activity') return fail(new HttpError(400, `unexpected field "${name}"`));
      if (info.valueTruncated) return fail(new HttpError(413, 'activity too large'));
      activityJson = value;
    });
    parser.on('filesLimit', () => fail(tooManyFiles()));
    parser.on('partsLimit', () => fail(tooManyFiles()));
    parser.on('fieldsLimit', () => fail(new HttpError(400, 'unexpected fields')));
    parser.on('error', () => fail(new HttpError(400, 'malformed multipart body')));
    req.on('error', () => fail(new HttpError(400, 'upload interrupted')));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      const activity = parseObject(activityJson);
      if (!activity) reject(new HttpError(400, 'the upload has no valid activity part'));
      else resolve({ activity, files });
    });
    req.pipe(parser);
  });
}

function tooManyFiles(): HttpError {
  return new HttpError(413, `at most ${MAX_FILES_PER_MESSAGE} files per message`);
}

function parseObject(json: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(json ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
