import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  WECHAT_PUPPET: z.string().regex(/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/, 'must be a puppet package name, e.g. wechaty-puppet-wechat4u').optional(),
  WECHAT_PUPPET_TOKEN: z.string().optional(),
  WECHAT_PUPPET_ENDPOINT: z.string().optional(),
  WECHAT_PUPPET_OPTIONS: z.string().transform((text, context) => {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch { /* reported below */ }
    context.addIssue({ code: 'custom', message: 'must be a JSON object, e.g. {"tls":{"disable":true}}' });
    return z.NEVER;
  }).optional(),
  WECHAT_NAME: z.string().regex(/^[\w.-]+$/, 'letters, digits, dot, dash or underscore only').default('returnbot-wechat'),
  WECHAT_ROOMS: flag.default(false),
  WECHAT_ACCEPT_FRIENDS: flag.default(true),
  WECHAT_MAX_MESSAGE_LENGTH: z.coerce.number().int().min(100).max(20_000).default(2000),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be the Bot User OAuth Token (xoxb-…)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_CHANNEL_ID: z.string().regex(/^[CG][A-Z0-9]{6,}$/, 'must be a channel id such as C0123ABCD (channel name → About → Channel ID)').optional(),
  SLACK_AGENTS: z.string().transform((text, context) => {
    const agents: Record<string, string> = {};
    for (const pair of text.split(',').map(part => part.trim()).filter(Boolean)) {
      const [id = '', ...rest] = pair.split('=');
      const name = rest.join('=').trim();
      if (!/^[UW][A-Z0-9]+$/.test(id.trim()) || !name) {
        context.addIssue({ code: 'custom', message: `"${pair}" must be SLACK_USER_ID=name, e.g. U0123ABCD=客服小王` });
        return z.NEVER;
      }
      agents[id.trim()] = name;
    }
    return agents;
  }).optional(),
  SLACK_DESK_LANG: z.enum(['en', 'zh-Hans']).default('en'),
  SLACK_OPS_CHANNEL_ID: z.string().regex(/^[CG][A-Z0-9]{6,}$/, 'must be a channel id such as C0123ABCD (channel name → About → Channel ID)').optional(),
  SLACK_API_URL: z.url().regex(/\/$/, 'must end with a slash, e.g. https://slack-proxy.example/api/').optional(),
  SLA_REMINDER_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(120),
  BACKOFFICE_KEYS_FILE: z.string().min(1).optional(),
  CALENDAR_FILE: z.string().min(1).default('data/calendar/china.yaml'),
  PARCEL_REMINDER_HOURS: z.coerce.number().positive().max(24 * 60).default(72),
  PHOTOS_REMINDER_HOURS: z.coerce.number().positive().max(24 * 60).default(24),
  LLM_PROVIDER: z.enum(['none', 'openai']).default('none'),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_BASE_URL: z.url().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  OPS_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  OPS_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  OPS_LOCKOUT_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
  OPS_ANOMALY_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  OPS_ALERT_QUIET_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  CRISIS_NOTICES_PER_SECOND: z.coerce.number().positive().max(100).default(5),
}).superRefine((settings, context) => {
  if (settings.SLACK_BOT_TOKEN) {
    if (!settings.SLACK_SIGNING_SECRET) context.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'required when SLACK_BOT_TOKEN is set' });
    if (!settings.SLACK_CHANNEL_ID) context.addIssue({ code: 'custom', path: ['SLACK_CHANNEL_ID'], message: 'required when SLACK_BOT_TOKEN is set' });
  }
  if (settings.LLM_PROVIDER === 'none') return;
  if (!settings.LLM_MODEL) context.addIssue({ code: 'custom', path: ['LLM_MODEL'], message: `required when LLM_PROVIDER=${settings.LLM_PROVIDER}` });
  if (!settings.LLM_API_KEY && !settings.LLM_BASE_URL) context.addIssue({ code: 'custom', path: ['LLM_API_KEY'], message: 'required unless LLM_BASE_URL names a server that needs none' });
});

/**
 * The optional language model that understands messages before the offline engine; 'none' keeps
 * understanding offline. `openai` speaks the OpenAI chat API, which many servers offer.
 */
export type LlmConfig =
  | { provider: 'none' }
  | { provider: 'openai'; model: string; apiKey: string | undefined; baseUrl: string | undefined; timeoutMs: number };

/** WeChat through a Wechaty puppet; absent when WECHAT_PUPPET is empty (WeChat off). */
export interface WechatConfig {
  puppet: string;
  /** token, endpoint and WECHAT_PUPPET_OPTIONS, as the puppet reads them. */
  puppetOptions: Record<string, unknown>;
  /** The login session (Wechaty's memory card) and the login QR code live here, in DATA_DIR. */
  memoryPath: string;
  rooms: boolean;
  /** Accept friend requests (the shop's QR code scanned); off, someone accepts them on the phone. */
  acceptFriends: boolean;
  maxMessageLength: number;
}

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
  /** Absent: the bot runs without WeChat. */
  wechat?: WechatConfig;
  /** Absent (configs built by hand, as some tests do) means offline understanding. */
  llm?: LlmConfig;
  /** Absent: no agent desk (hand-overs wait in the store). */
  slack?: {
    botToken: string; signingSecret: string; channelId: string; agents: Record<string, string>; lang: 'en' | 'zh-Hans';
    /** Where operations alerts are posted (SLACK_OPS_CHANNEL_ID, default the desk's channel). */
    opsChannelId: string;
    /** Another address for Slack's Web API (a company proxy); default Slack's own. */
    apiUrl?: string;
  };
  /** How long before a first-feedback or review deadline the agents' thread is reminded. */
  slaReminderMinutes: number;
  /** The back-office API's keys, kept as sha256 only (`npm run backoffice:key` adds one). */
  backofficeKeysFile: string;
  /** Public holidays and adjusted working days: refund deadlines count working days. */
  calendarFile: string;
  /** Reminders to customers who have not sent the parcel or the photos. */
  reminders: { parcelMs: number; photosMs: number };
  /** The operations console's sign-in: how long a session lasts, and the lock after repeated wrong passwords. */
  opsSignIn: { sessionHours: number; lockout: { attempts: number; minutes: number } };
  /** How often the anomaly watch looks for return-rate and step-duration anomalies. */
  opsAnomalyIntervalMinutes: number;
  /** Whole shop days an anomaly must stay absent before its alert clears: a fading alarm does not flap. */
  opsAlertQuietDays: number;
  /** How fast a crisis notice goes out to the customers of a bad batch (their channels' rate limits). */
  crisisNoticesPerSecond: number;
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
    ...(settings.WECHAT_PUPPET
      ? {
          wechat: {
            puppet: settings.WECHAT_PUPPET,
            puppetOptions: {
              ...settings.WECHAT_PUPPET_OPTIONS,
              ...(settings.WECHAT_PUPPET_TOKEN ? { token: settings.WECHAT_PUPPET_TOKEN } : {}),
              ...(settings.WECHAT_PUPPET_ENDPOINT ? { endpoint: settings.WECHAT_PUPPET_ENDPOINT } : {}),
            },
            memoryPath: resolve(settings.DATA_DIR, settings.WECHAT_NAME),
            rooms: settings.WECHAT_ROOMS,
            acceptFriends: settings.WECHAT_ACCEPT_FRIENDS,
            maxMessageLength: settings.WECHAT_MAX_MESSAGE_LENGTH,
          },
        }
      : {}),
    ...(settings.SLACK_BOT_TOKEN && settings.SLACK_SIGNING_SECRET && settings.SLACK_CHANNEL_ID
      ? { slack: { botToken: settings.SLACK_BOT_TOKEN, signingSecret: settings.SLACK_SIGNING_SECRET, channelId: settings.SLACK_CHANNEL_ID, agents: settings.SLACK_AGENTS ?? {}, lang: settings.SLACK_DESK_LANG, opsChannelId: settings.SLACK_OPS_CHANNEL_ID ?? settings.SLACK_CHANNEL_ID, ...(settings.SLACK_API_URL && { apiUrl: settings.SLACK_API_URL }) } }
      : {}),
    slaReminderMinutes: settings.SLA_REMINDER_MINUTES,
    backofficeKeysFile: resolve(settings.BACKOFFICE_KEYS_FILE ?? join(settings.DATA_DIR, 'backoffice-keys.json')),
    calendarFile: resolve(settings.CALENDAR_FILE),
    reminders: { parcelMs: settings.PARCEL_REMINDER_HOURS * 3_600_000, photosMs: settings.PHOTOS_REMINDER_HOURS * 3_600_000 },
    opsSignIn: { sessionHours: settings.OPS_SESSION_HOURS, lockout: { attempts: settings.OPS_LOCKOUT_ATTEMPTS, minutes: settings.OPS_LOCKOUT_MINUTES } },
    opsAnomalyIntervalMinutes: settings.OPS_ANOMALY_INTERVAL_MINUTES,
    opsAlertQuietDays: settings.OPS_ALERT_QUIET_DAYS,
    crisisNoticesPerSecond: settings.CRISIS_NOTICES_PER_SECOND,
    llm:
      settings.LLM_PROVIDER === 'none'
        ? { provider: 'none' }
        : { provider: settings.LLM_PROVIDER, model: settings.LLM_MODEL!, apiKey: settings.LLM_API_KEY, baseUrl: settings.LLM_BASE_URL, timeoutMs: settings.LLM_TIMEOUT_MS },
  };
}
