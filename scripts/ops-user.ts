/**
 * `npm run -s ops:user -- USERNAME viewer|operator`: creates the operations console account, or
 * gives it a new password and role (ending its sessions). The password is OPS_USER_PASSWORD when
 * set, otherwise a generated one printed once, alone on stdout. Exit code 2 for a bad command
 * line, 1 for a bad password or settings.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../bot/config.js';
import { ReturnbotError } from '../bot/errors.js';
import { accountProblem, generatePassword, OperatorAccounts } from '../bot/operations/accounts.js';
import type { OperatorRole } from '../bot/operations/operators.js';
import { SqliteAuditLog } from '../data/sqlite/audit-log.js';
import { SqliteOperatorStore } from '../data/sqlite/operator-store.js';
import { openSqliteStore } from '../data/sqlite/sqlite-store.js';

const ROLES: readonly OperatorRole[] = ['viewer', 'operator'];
const USAGE = `usage: npm run -s ops:user -- USERNAME ${ROLES.join('|')}
       (OPS_USER_PASSWORD=… to choose the password instead of a generated one)`;

async function main(): Promise<number> {
  let positionals: string[];
  try {
    positionals = parseArgs({ allowPositionals: true, options: {} }).positionals;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [username = '', roleName] = positionals;
  const role = ROLES.find(name => name === roleName);
  if (positionals.length !== 2 || !role) {
    console.error(USAGE);
    return 2;
  }
  const chosen = process.env['OPS_USER_PASSWORD'];
  const password = chosen || generatePassword();
  const problem = accountProblem(username, password);
  if (problem) {
    console.error(problem);
    return 1;
  }

  const config = loadConfig();
  const store = await openSqliteStore({ dataDir: config.dataDir });
  try {
    const { sessionHours, lockout } = config.opsSignIn;
    const accounts = new OperatorAccounts({ store: new SqliteOperatorStore(store.db), audit: new SqliteAuditLog(store.db), clock: () => new Date(), sessionHours, lockout });
    await accounts.setAccount(username, role, password, shellUser());
  } finally {
    await store.close();
  }
  if (chosen) {
    console.error(`account "${username}" (${role}) saved in ${config.dataDir} with the password from OPS_USER_PASSWORD`);
    return 0;
  }
  console.error(`account "${username}" (${role}) saved in ${config.dataDir}; only a hash of its password is kept, so copy it now:`);
  console.log(password);
  return 0;
}

/** Who ran the command, for the audit trail: the account on this machine, as no one signs in here. */
function shellUser(): string {
  try {
    return `shell:${userInfo().username}`;
  } catch {
    // A user id without a name (some containers) has no username to give.
    return 'shell';
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof ReturnbotError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
