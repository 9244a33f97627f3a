/**
 * Text crossing between Slack and the customer: what goes into Slack is escaped so a customer
 * cannot ping `<!channel>` or forge a link; what comes out of Slack is turned back into the plain
 * words the agent typed. Also the private-note convention of the desk.
 */

/** Text shown inside Slack mrkdwn as it is: `&`, `<` and `>` escaped, as Slack asks. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An agent's Slack message as the customer should read it: mentions and links written out,
 * Slack's escapes undone. `<https://x.com|our page>` → `our page (https://x.com)`.
 */
export function plainText(slackText: string): string {
  const unwrapped = slackText.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@') || target.startsWith('#')) return label ? `${target[0]}${label}` : '';
    if (target.startsWith('!')) {
      const special = /^!(here|channel|everyone)\b/.exec(target);
      return special ? `@${special[1]}` : (label ?? '');
    }
    const url = target.replace(/^mailto:/, '');
    return label && label !== url ? `${label} (${url})` : url;
  });
  return unwrapped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
}

/**
 * The private-note convention: a thread reply starting with `//`, `note:` or `备注:` stays among
 * agents and never reaches the customer.
 */
export const PRIVATE_NOTE_PREFIXES = ['//', 'note:', '备注:', '备注：'] as const;

export function isPrivateNote(text: string): boolean {
  const start = text.trimStart().toLowerCase();
  return PRIVATE_NOTE_PREFIXES.some(prefix => start.startsWith(prefix));
}

/**
 * A moment shown in each reader's own time zone (Slack's date token); the fallback, for clients
 * that cannot format it, is UTC.
 */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  const fallback = `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

/** At most `max` characters, an ellipsis marking the cut; newlines folded when `oneLine`. */
export function clip(text: string, max: number, oneLine = false): string {
  const folded = oneLine ? text.replace(/\s+/g, ' ').trim() : text;
  const chars = [...folded];
  return chars.length <= max ? folded : `${chars.slice(0, max - 1).join('')}…`;
}
