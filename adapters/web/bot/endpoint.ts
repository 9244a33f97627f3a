import { Router, type Request } from 'express';
import type { TurnContext } from 'botbuilder';
import { HttpError, jsonObjectBody } from '../http.js';
import { BOT_JSON_BYTES } from '../limits.js';
import { safeEqual } from '../directline/keys.js';
import { RELAY_HEADER } from '../directline/relay.js';
import type { BotRoute } from './references.js';

export interface BotEndpointOptions {
  local: BotRoute;
  azure?: BotRoute;
  relayKey: string;
  logicFor(route: BotRoute): (context: TurnContext) => Promise<void>;
}

/**
 * `POST /api/messages`, the bot's one URL. Our own Direct Line proves itself with the relay key
 * and goes to the auth-off adapter; anyone else must be Azure with a JWT. Without an app id that
 * means nobody else: an open auth-off endpoint would let strangers speak as any customer and make
 * the bot post to any serviceUrl.
 */
export function botEndpoint(options: BotEndpointOptions): Router {
  const router = Router();
  const routeOf = (req: Request): BotRoute => {
    if (safeEqual(req.get(RELAY_HEADER) ?? '', options.relayKey)) return options.local;
    if (options.azure && req.get('authorization')) return options.azure;
    throw new HttpError(401, options.azure ? 'a Bot Framework token is required' : 'this bot only accepts its own Direct Line');
  };
  router.post(
    '/api/messages',
    (req, res, next) => {
      res.locals.route = routeOf(req);
      next();
    },
    ...jsonObjectBody(BOT_JSON_BYTES),
    async (req, res) => {
      const route = res.locals.route as BotRoute;
      await route.adapter.process(req, res, options.logicFor(route));
    },
  );
  return router;
}
