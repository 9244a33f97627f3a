import { Router, type Request, type Response } from 'express';
import { HttpError, jsonObjectBody } from '../http.js';
import { CLIENT_JSON_BYTES } from '../limits.js';
import { fromCustomer, thumbnailOf, type StoredUpload } from './activities.js';
import type { DirectLine } from './context.js';
import type { Conversation } from './conversations.js';
import { readUpload } from './uploads.js';

/** Seconds a token is announced to last; ours do not expire, the client only refreshes them. */
const TOKEN_SECONDS = 3600;

/**
 * The Direct Line 3.0 endpoints the unmodified botframework-directlinejs client calls (under its
 * `domain`). The token names the user: the client's `from.id` and `?userId=` are ignored.
 */
export function clientRoutes(dl: DirectLine): Router {
  const router = Router();

  const userOf = (req: Request): string => {
    const token = bearerToken(req);
    if (!token) throw new HttpError(401, 'a token is required');
    const userId = dl.sessions.userOf(token);
    if (!userId) throw new HttpError(403, 'invalid token');
    return userId;
  };

  const ownConversation = async (req: Request): Promise<Conversation> => {
    const userId = userOf(req);
    const conversationId = String(req.params.conversationId);
    const conversation = dl.conversation(conversationId);
    if (!conversation) throw new HttpError(404, 'no such conversation');
    if (conversation.userId !== userId) throw new HttpError(403, 'not your conversation');
    await dl.restore(conversation);
    return conversation;
  };

  const describe = (req: Request, conversation: Conversation) => ({
    conversationId: conversation.id,
    token: bearerToken(req),
    expires_in: TOKEN_SECONDS,
    streamUrl: dl.streamUrl(conversation, watermarkOf(req)),
  });

  const accept = (res: Response, conversation: Conversation, body: Record<string, unknown>, uploads: StoredUpload[]) => {
    // Typing and event activities are Direct Line's too, but the bot has no use for them.
    if (body.type !== 'message') {
      res.json({});
      return;
    }
    const { forPage, forBot } = fromCustomer(body, conversation, uploads, dl.serviceUrl);
    if (!conversation.has(forPage.id)) dl.publish(conversation, forPage);
    dl.forward(conversation, forBot);
    res.json({ id: forPage.id });
  };

  // Starting a conversation resumes the user's only one, so a reloaded page continues it.
  router.post('/conversations', async (req, res) => {
    const conversation = dl.conversationOf(userOf(req));
    await dl.restore(conversation);
    res.status(201).json(describe(req, conversation));
  });

  router.get('/conversations/:conversationId', async (req, res) => {
    res.json(describe(req, await ownConversation(req)));
  });

  router.get('/conversations/:conversationId/activities', async (req, res) => {
    res.json((await ownConversation(req)).since(watermarkOf(req)));
  });

  // The owner is checked before the body is read: strangers cost us no parsing.
  router.post(
    '/conversations/:conversationId/activities',
    async (req, res, next) => {
      res.locals.conversation = await ownConversation(req);
      next();
    },
    ...jsonObjectBody(CLIENT_JSON_BYTES),
    (req, res) => accept(res, res.locals.conversation as Conversation, req.body as Record<string, unknown>, []),
  );

  router.post('/conversations/:conversationId/upload', async (req, res) => {
    const conversation = await ownConversation(req);
    const { activity, files } = await readUpload(req, dl.maxUploadBytes);
    const urls = dl.files.putAll(files);
    const uploads = files.map((file, index) => ({
      file,
      contentUrl: urls[index] ?? '',
      thumbnailUrl: thumbnailOf(activity, file.name),
    }));
    accept(res, conversation, activity, uploads);
  });

  router.post('/tokens/refresh', (req, res) => {
    userOf(req);
    res.json({ token: bearerToken(req), expires_in: TOKEN_SECONDS });
  });

  return router;
}

/**
 * `POST /webchat/session`: the page's way in. It sends the token it kept, if any, and gets it back
 * when still valid (same customer, same conversation) or a new one (a new customer).
 */
export function sessionRoutes(dl: DirectLine): Router {
  const router = Router();
  router.post('/webchat/session', (req, res) => {
    const token = bearerToken(req);
    const userId = dl.sessions.userOf(token);
    res.set('Cache-Control', 'no-store');
    res.json(userId && token ? { userId, token, resumed: true } : { ...dl.sessions.issue(), resumed: false });
  });
  return router;
}

function bearerToken(req: Request): string | undefined {
  return /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
}

function watermarkOf(req: Request): string | undefined {
  const watermark = req.query.watermark;
  return typeof watermark === 'string' && /^[A-Za-z0-9.]{0,40}$/.test(watermark) ? watermark : undefined;
}
