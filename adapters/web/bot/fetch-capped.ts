import { FETCH_TIMEOUT_MS } from '../limits.js';

/**
 * GETs a URL's bytes, refusing more than `maxBytes` while reading: a declared Content-Length is
 * not trusted, a lying server is cut off at the cap.
 */
export async function fetchCapped(url: string, maxBytes: number): Promise<Buffer> {
  const { protocol } = new URL(url);
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`fetchCapped(): refusing ${protocol} URL`);
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`fetchCapped(): HTTP ${response.status}`);
  }
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body.cancel();
    throw new Error(`fetchCapped(): larger than ${maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > maxBytes) throw new Error(`fetchCapped(): larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
