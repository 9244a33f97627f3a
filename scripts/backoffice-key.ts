/**
 * `npm run -s backoffice:key -- SCOPE [--id NAME]`: makes a key for the back-office API
 * (scope courier, warehouse or operations), stores only its sha256 in the keys file
 * (BACKOFFICE_KEYS_FILE, default DATA_DIR/backoffice-keys.json) and prints the key once, alone on
 * stdout. `--list` shows the keys (ids and scopes, never a key); `--revoke NAME` removes one.
 * `--file PATH` uses another keys file. A running bot notices the change at the next request.
 * Exit code 2 for a bad command line, 1 for a bad keys file or settings.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../bot/config.js';
import { ReturnbotError } from '../bot/errors.js';
import { addKey, readKeysFile, revokeKey, SCOPES } from '../adapters/backoffice/keys.js';

const USAGE = `usage: npm run -s backoffice:key -- ${SCOPES.join('|')} [--id NAME] [--file PATH]
       npm run -s backoffice:key -- --list [--file PATH]
       npm run -s backoffice:key -- --revoke NAME [--file PATH]`;

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { id: { type: 'string' }, file: { type: 'string' }, list: { type: 'boolean', default: false }, revoke: { type: 'string' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const scope = SCOPES.find(name => name === positionals[0]);
  const modes = [values.list, values.revoke !== undefined, positionals.length > 0].filter(Boolean).length;
  if (modes !== 1 || positionals.length > 1 || (positionals.length === 1 && !scope) || (values.id !== undefined && !scope)) {
    console.error(USAGE);
    return 2;
  }

  const file = values.file ?? loadConfig().backofficeKeysFile;
  if (values.list) {
    const entries = readKeysFile(file);
    console.log(entries.length ? entries.map(entry => `${entry.id}\t${entry.scope}\t${entry.createdAt}`).join('\n') : `no keys in ${file}`);
    return 0;
  }
  if (values.revoke !== undefined) {
    if (!revokeKey(file, values.revoke)) {
      console.error(`no key "${values.revoke}" in ${file}`);
      return 1;
    }
    console.error(`key "${values.revoke}" revoked in ${file}`);
    return 0;
  }
  const { key, entry } = addKey(file, scope!, values.id === undefined ? {} : { id: values.id });
  console.error(`key "${entry.id}" (scope ${entry.scope}) added to ${file}; only its sha256 is kept, so copy it now:`);
  console.log(key);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof ReturnbotError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
