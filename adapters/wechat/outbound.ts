import type { Outbound } from '../../bot/messages.js';
import { renderAsText } from '../shared/numbered-options.js';

/** WeChat refuses (or cuts) longer texts; a little under its limit of about 2048 characters. */
export const DEFAULT_MAX_MESSAGE_LENGTH = 2000;

/**
 * One reply as the WeChat texts that carry it: WeChat has no buttons or cards, so quick replies
 * become numbered options and a card becomes lines; a long text becomes several messages.
 */
export function toWechatTexts(reply: Outbound, maxLength = DEFAULT_MAX_MESSAGE_LENGTH): string[] {
  return splitText(renderAsText(reply), maxLength);
}

const length = (text: string) => Array.from(text).length;

/**
 * Cuts a text into pieces of at most `maxLength` characters (code points, so never inside an
 * emoji), between lines where possible; a single longer line is cut where it must.
 */
export function splitText(text: string, maxLength: number): string[] {
  if (!(maxLength >= 1)) throw new RangeError(`splitText(): maxLength must be at least 1, got ${maxLength}`);
  if (length(text) <= maxLength) return text.trim() === '' ? [] : [text];
  const pieces: string[] = [];
  let current: string | undefined;
  for (const line of text.split('\n')) {
    for (const part of cutLine(line, maxLength)) {
      if (current === undefined) current = part;
      else if (length(current) + 1 + length(part) <= maxLength) current = `${current}\n${part}`;
      else {
        pieces.push(current);
        current = part;
      }
    }
  }
  if (current !== undefined) pieces.push(current);
  return pieces.filter(piece => piece.trim() !== '');
}

function cutLine(line: string, maxLength: number): string[] {
  const points = Array.from(line);
  if (points.length <= maxLength) return [line];
  const parts: string[] = [];
  for (let start = 0; start < points.length; start += maxLength) parts.push(points.slice(start, start + maxLength).join(''));
  return parts;
}
