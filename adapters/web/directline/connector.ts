import { Router } from 'express';
import { HttpError, jsonObjectBody } from '../http.js';
import { BOT_JSON_BYTES } from '../limits.js';
import { fromBot } from './activities.js';
import type { DirectLine } from './context.js';
import { safeEqual } from './keys.js';

/**
 * The Bot Connector endpoints botbuilder calls to reply (`{serviceUrl}/v3/conversations/...`).
 * botbuilder sends no credentials when auth is off, so the serviceUrl itself carries a key
 * (`.../connector/:key`); a wrong key gets the same 404 as a wrong path.
 */
export function connectorRoutes(dl: DirectLine, key: string): Router {
  const router = Router({ mergeParams: true });

  router.use((req, _res, next) => {
    if (!safeEqual(String(req.params.key), key)) throw new HttpError(404, 'not found');
    next();
  });

  router.post(
    ['/v3/conversations/:conversationId/activities', '/v3/conversations/:conversationId/activities/:replyToId'],
    ...jsonObjectBody(BOT_JSON_BYTES),
    (req, res) => {
      const conversation = dl.conversation(String(req.params.conversationId));
      if (!conversation) throw new HttpError(404, 'no such conversation');
      const body = req.body as Record<string, unknown>;
      // Web Chat shows messages; the bot sends nothing else the page could use.
      if (body.type !== 'message') {
        res.json({});
        return;
      }
      const id = conversation.newActivityId();
      dl.publish(conversation, fromBot(body, id, conversation));
      res.json({ id });
    },
  );

  return router;
}
