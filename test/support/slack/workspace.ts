/**
 * The one Slack workspace every Slack test lives in. The local Web API stand-in answers
 * `auth.test` with these ids and the signed-request helpers put them in envelopes, so the two
 * agree without each test repeating them. Ids are shaped like Slack's (letter prefix, upper case).
 */
export const TEAM_ID = 'T0RETURNS';
export const TEAM_DOMAIN = 'returnbot-test';
export const APP_ID = 'A0RETURNBOT';
export const BOT_ID = 'B0RETURNBOT';
export const BOT_USER_ID = 'U0RETURNBOT';
export const BOT_TOKEN = 'xoxb-0000-returnbot-test';
export const SIGNING_SECRET = 'returnbot-test-signing-secret';
