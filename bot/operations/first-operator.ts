import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { generatePassword, type OperatorAccounts } from './accounts.js';

const FIRST_OPERATOR = 'admin';
const FIRST_PASSWORD_FILE = 'ops-admin-password.txt';

/**
 * A console nobody can enter is no use: on a store without any operator, creates `admin` with a
 * random password, written only to a file readable by the bot's user (never to the log).
 */
export async function ensureFirstOperator(accounts: OperatorAccounts, dataDir: string, logger: Logger): Promise<void> {
  if (await accounts.hasAccounts()) return;
  const password = generatePassword();
  const file = join(dataDir, FIRST_PASSWORD_FILE);
  // Removed first: a mode only applies to a file being created.
  rmSync(file, { force: true });
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  // Nobody is signed in yet: the bot itself made the account.
  await accounts.setAccount(FIRST_OPERATOR, 'operator', password, 'returnbot');
  logger.warn({ file }, `operations console: created the operator "${FIRST_OPERATOR}"; its password is in the file (read it, then delete the file; npm run -s ops:user -- <username> <viewer|operator> adds accounts)`);
}
