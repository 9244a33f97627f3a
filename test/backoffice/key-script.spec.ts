import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { hashKey, KeyRing } from '../../adapters/backoffice/keys.js';

const run = promisify(execFile);

/** `npm run backoffice:key -- ...`, without npm's banner: node with tsx, as the script line does. */
async function keyScript(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const environment: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete environment.NODE_OPTIONS;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/backoffice-key.ts', ...args], { env: environment });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run backoffice:key', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'returnbot-key-script-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the new key alone on stdout, once; the file (DATA_DIR/backoffice-keys.json) keeps its hash', async () => {
    const made = await keyScript(['courier', '--id', 'sf-express'], { DATA_DIR: dir, BACKOFFICE_KEYS_FILE: '' });
    expect(made.code, made.stderr).to.equal(0);
    const key = made.stdout.trim();
    expect(made.stdout).to.match(/^rbk_[\w-]{43}\n$/);
    expect(made.stderr).to.include('"sf-express" (scope courier)');
    const file = join(dir, 'backoffice-keys.json');
    expect(readFileSync(file, 'utf8')).to.include(hashKey(key)).and.not.include(key);
    expect(KeyRing.fromFile(file).identify(key)).to.deep.equal({ keyId: 'sf-express', scope: 'courier' });

    const listed = await keyScript(['--list'], { DATA_DIR: dir });
    expect(listed.stdout).to.match(/^sf-express\tcourier\t2\d{3}-/);
    expect(listed.stdout).not.to.include(key);
    expect((await keyScript(['--revoke', 'sf-express'], { DATA_DIR: dir })).code).to.equal(0);
    expect(KeyRing.fromFile(file).identify(key)).to.equal(null);
  });

  it('BACKOFFICE_KEYS_FILE and --file choose another file', async () => {
    const viaSetting = join(dir, 'setting.json');
    expect((await keyScript(['warehouse'], { BACKOFFICE_KEYS_FILE: viaSetting })).code).to.equal(0);
    expect(KeyRing.fromFile(viaSetting).size).to.equal(1);
    const viaOption = join(dir, 'option.json');
    expect((await keyScript(['operations', '--file', viaOption], { BACKOFFICE_KEYS_FILE: viaSetting })).code).to.equal(0);
    expect(KeyRing.fromFile(viaOption).size).to.equal(1);
    expect(KeyRing.fromFile(viaSetting).size).to.equal(1);
  });

  it('a wrong command line → usage and exit 2; a key id taken twice → exit 1', async () => {
    const file = join(dir, 'keys.json');
    for (const args of [[], ['finance'], ['--id', 'x'], ['--bogus']]) {
      const result = await keyScript([...args, '--file', file]);
      expect(result.code, args.join(' ')).to.equal(2);
      expect(result.stderr).to.include('usage: npm run -s backoffice:key');
    }
    expect((await keyScript(['courier', '--id', 'a', '--file', file])).code).to.equal(0);
    const again = await keyScript(['courier', '--id', 'a', '--file', file]);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.include('already exists');
    expect(again.stdout).to.equal('');
  });
});
