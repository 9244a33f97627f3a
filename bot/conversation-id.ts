/** One conversation per (channel, user): its id is both, so a timer or a report can find its way back. */
export function conversationId(channel: string, userId: string): string {
  return `${channel}:${userId}`;
}

/** Channel names hold no colon; a user id may. */
export function conversationRef(id: string): { conversationId: string; channel: string; userId: string } {
  const split = id.indexOf(':');
  return { conversationId: id, channel: id.slice(0, split), userId: id.slice(split + 1) };
}
