import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { InboundAttachment } from './messages.js';

/** Image types we keep as evidence, recognised by their bytes, never by name or declared type. */
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic', 'image/heif', 'image/avif']);

export type PhotoCheck =
  | { ok: true; id: string; mime: string; data: Buffer }
  | { ok: false; name: string; problem: 'type' | 'size' };

/** Checks one attachment by content and size; the id is the sha256 of the bytes. */
export async function checkPhoto(attachment: InboundAttachment, maxBytes: number): Promise<PhotoCheck> {
  // 80 code points (within the first 160 UTF-16 units): the name is echoed, never with half an emoji.
  const name = Array.from(typeof attachment.name === 'string' ? attachment.name.slice(0, 160) : '').slice(0, 80).join('') || 'file';
  const data = attachment.data;
  if (!data || data.length === 0) return { ok: false, name, problem: 'type' };
  if (data.length > maxBytes) return { ok: false, name, problem: 'size' };
  const type = await fileTypeFromBuffer(data);
  if (!type || !ACCEPTED.has(type.mime)) return { ok: false, name, problem: 'type' };
  return { ok: true, id: createHash('sha256').update(data).digest('hex'), mime: type.mime, data };
}
