import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ReturnbotError } from './errors.js';

const flag = z.enum(['true', 'false', '1', '0']).transform(value => value === 'true' || value === '1');

/** Every setting, its default and its check; .env.example documents the same list. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('data/local'),
  RULES_FILE: z.string().min(1).default('data/rules.yaml'),
  DEMO_DATA: flag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  MICROSOFT_APP_ID: z.string().optional(),
  MICROSOFT_APP_PASSWORD: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  rulesFile: string;
  demoData: boolean;
  logLevel: string;
  webSessionSecret: string | undefined;
  microsoftAppId: string | undefined;
  microsoftAppPassword: string | undefined;
}

/**
 * Reads the settings from the environment (and `.env` when present). A bad value stops the start
 * with the variable's name and what is wrong with it.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ReturnbotError('config_invalid', `settings (${envFile} or environment): ${problems}`);
  }
  const settings = parsed.data;
  return {
    port: settings.PORT,
    host: settings.HOST,
    publicUrl: settings.PUBLIC_URL,
    dataDir: resolve(settings.DATA_DIR),
    rulesFile: resolve(settings.RULES_FILE),
    demoData: settings.DEMO_DATA,
    logLevel: settings.LOG_LEVEL,
    webSessionSecret: settings.WEB_SESSION_SECRET,
    microsoftAppId: settings.MICROSOFT_APP_ID,
    microsoftAppPassword: settings.MICROSOFT_APP_PASSWORD,
  };
}
