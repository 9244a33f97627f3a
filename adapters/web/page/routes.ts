import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), 'public');

/** Web Chat's browser bundle, from the installed package: no CDN, works offline. */
const webChatBundle = join(dirname(createRequire(import.meta.url).resolve('botframework-webchat')), '..', 'dist', 'webchat.js');

/** The demo shop page at `/`, its script and style, and the Web Chat bundle. */
export function pageRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => res.sendFile(join(publicDir, 'index.html')));
  router.get('/webchat/webchat.js', (_req, res) => res.sendFile(webChatBundle, { maxAge: '1d' }));
  router.use('/webchat/page', express.static(publicDir, { index: false, maxAge: '1h' }));
  return router;
}
