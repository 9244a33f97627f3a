import type { Activity, Attachment } from 'botbuilder';
import type { Inbound, InboundAttachment } from '../../../bot/messages.js';
import { MAX_FILES_PER_MESSAGE } from '../limits.js';

/** Fetches one attachment's bytes; undefined when it cannot (the engine then asks again). */
export type FetchBytes = (url: string) => Promise<Buffer | undefined>;

/**
 * A message activity as the engine's `Inbound`. The bytes are fetched here, before the turn, so
 * the engine never sees a URL. Cards and other URL-less attachments are not customer files.
 */
export async function toInbound(activity: Activity, userId: string, fetchBytes: FetchBytes): Promise<Inbound> {
  const files = (activity.attachments ?? []).filter(attachment => attachment.contentUrl);
  return {
    channel: 'web',
    userId,
    messageId: activity.id ?? '',
    text: activity.text ?? '',
    attachments: await Promise.all(files.slice(0, MAX_FILES_PER_MESSAGE).map(file => toAttachment(file, fetchBytes))),
  };
}

async function toAttachment(attachment: Attachment, fetchBytes: FetchBytes): Promise<InboundAttachment> {
  const declaredType = attachment.contentType || undefined;
  const data = await fetchBytes(attachment.contentUrl ?? '');
  return {
    kind: declaredType?.startsWith('image/') ? 'image' : 'file',
    name: attachment.name ?? '',
    ...(declaredType ? { declaredType } : {}),
    ...(data ? { data } : {}),
  };
}
