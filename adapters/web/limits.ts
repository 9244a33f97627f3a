/**
 * Limits on what strangers may send. Everything reachable from the internet is bounded here, in
 * one place, so that a review can see the whole attack surface's budget at once.
 */

/** Files one customer message may carry; Web Chat lets a customer pick several at once. */
export const MAX_FILES_PER_MESSAGE = 5;

/** Longer texts are refused: nobody types this much into a chat box, a script might. */
export const MAX_TEXT_CHARS = 4_000;

/** JSON a customer posts to Direct Line (an activity without files). */
export const CLIENT_JSON_BYTES = 64 * 1024;

/**
 * The activity part of an upload. Web Chat puts a thumbnail of each image in it as a data URL,
 * so it is larger than a plain activity.
 */
export const UPLOAD_ACTIVITY_BYTES = 512 * 1024;

/** JSON from botbuilder or Azure: replies with cards, incoming activities with entities. */
export const BOT_JSON_BYTES = 1024 * 1024;

/** How long an uploaded file stays fetchable: long enough for the turn, short enough for memory. */
export const FILE_TTL_MS = 15 * 60 * 1000;

/** All uploaded files held at once, whatever `maxUploadBytes` is; beyond it uploads get 503. */
export const STORED_FILE_BYTES = 256 * 1024 * 1024;

/** Conversations and conversation references kept in memory; the oldest idle ones go first. */
export const MAX_CONVERSATIONS = 10_000;

/** Activities replayed to a reconnecting page. */
export const MAX_TRANSCRIPT = 300;

/** A WebSocket ticket in a stream URL is only good for opening the socket soon after. */
export const STREAM_TICKET_TTL_MS = 5 * 60 * 1000;

/** Fetching an attachment must not hold a turn forever. */
export const FETCH_TIMEOUT_MS = 20_000;
