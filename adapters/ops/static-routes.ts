import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type Response } from 'express';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), 'page', 'public');

/** Apache ECharts' browser build, from the installed package: no CDN, works offline. */
const echartsBundle = join(dirname(createRequire(import.meta.url).resolve('echarts/package.json')), 'dist', 'echarts.min.js');

/** Files the security headers' no-store would make the browser fetch again on every page. */
const REVALIDATE = 'private, no-cache';

function send(res: Response, file: string, cacheControl = REVALIDATE): void {
  res.set('Cache-Control', cacheControl);
  res.sendFile(file, { cacheControl: false });
}

/** What anyone may load: the sign-in page, its scripts and the style sheet. */
export function publicAssets(): Router {
  const router = Router();
  router.get('/login', (_req, res) => send(res, join(publicDir, 'login.html'), 'no-store'));
  router.get('/login.js', (_req, res) => send(res, join(publicDir, 'login.js')));
  router.get('/lang.js', (_req, res) => send(res, join(publicDir, 'lang.js')));
  router.get('/style.css', (_req, res) => send(res, join(publicDir, 'style.css')));
  return router;
}

/** The console itself, for signed-in operators only: the shell, its views and ECharts. */
export function shellAssets(): Router {
  const router = Router();
  router.get('/', (_req, res) => send(res, join(publicDir, 'index.html'), 'no-store'));
  router.get('/app.js', (_req, res) => send(res, join(publicDir, 'app.js')));
  router.get('/vendor/echarts.min.js', (_req, res) => send(res, echartsBundle, 'private, max-age=86400'));
  router.use('/shell', scripts('shell'));
  router.use('/views', scripts('views'));
  return router;
}

/** The browser modules of one folder, and nothing else (no listing, no other folder). */
function scripts(folder: string) {
  return express.static(join(publicDir, folder), {
    index: false,
    redirect: false,
    dotfiles: 'deny',
    cacheControl: false,
    setHeaders: res => res.setHeader('Cache-Control', REVALIDATE),
  });
}
