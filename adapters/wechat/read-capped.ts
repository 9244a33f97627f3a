import type { FileBoxInterface } from 'file-box';

/**
 * Reads a file's bytes, at most `maxBytes + 1` of them: enough for the engine to see that a file
 * is too large (and say so) without downloading all of it. Gives up after `timeoutMs`.
 */
export async function readCapped(box: FileBoxInterface, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`readCapped(): no bytes of "${box.name}" after ${timeoutMs} ms`)), timeoutMs);
  });
  const opening = box.toStream();
  const stream = await Promise.race([opening, timeout]).catch(error => {
    clearTimeout(timer);
    // A download that starts after we gave up is closed at once.
    opening.then(late => late.destroy(), () => undefined);
    throw error;
  });
  const read = async (): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      chunks.push(bytes);
      size += bytes.length;
      if (size > maxBytes) break;
    }
    const all = Buffer.concat(chunks);
    return all.length > maxBytes ? all.subarray(0, maxBytes + 1) : all;
  };
  const reading = read();
  reading.catch(() => undefined); // after a timeout, the destroyed stream's error is no news
  try {
    return await Promise.race([reading, timeout]);
  } finally {
    clearTimeout(timer);
    stream.destroy();
  }
}
