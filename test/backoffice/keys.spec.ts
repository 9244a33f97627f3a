import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { addKey, hashKey, KeyRing, readKeysFile, revokeKey } from '../../adapters/backoffice/keys.js';
import { isCoded } from '../../bot/errors.js';
import { CASE_ID, call, startHarness } from './harness.js';

describe('back-office keys', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'returnbot-keys-'));
    file = join(dir, 'nested', 'backoffice-keys.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const thrown = (action: () => unknown): Error => {
    try {
      action();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected an error');
  };

  it('a new key is stored as its sha256 only, in a file only its owner reads', () => {
    const { key, entry } = addKey(file, 'courier', { now: new Date('2026-11-20T08:00:00Z') });
    expect(key).to.match(/^rbk_[\w-]{43}$/);
    expect(entry).to.deep.equal({ id: 'courier-1', scope: 'courier', sha256: hashKey(key), createdAt: '2026-11-20T08:00:00.000Z' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.to.include(key);
    expect(JSON.parse(text)).to.deep.equal([entry]);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(addKey(file, 'courier').entry.id).to.equal('courier-2');
    expect(addKey(file, 'warehouse', { id: 'wh.shanghai' }).entry.id).to.equal('wh.shanghai');
    expect(thrown(() => addKey(file, 'warehouse', { id: 'wh.shanghai' })).message).to.include('already exists');
    expect(thrown(() => addKey(file, 'warehouse', { id: 'has space' })).message).to.include('"has space"');
  });

  it('identifies a key by its hash; a wrong or empty key is nobody', () => {
    const courier = addKey(file, 'courier').key;
    const operations = addKey(file, 'operations', { id: 'finance' }).key;
    const ring = KeyRing.fromFile(file);
    expect(ring.size).to.equal(2);
    expect(ring.identify(courier)).to.deep.equal({ keyId: 'courier-1', scope: 'courier' });
    expect(ring.identify(operations)).to.deep.equal({ keyId: 'finance', scope: 'operations' });
    expect(ring.identify(`${courier}x`)).to.equal(null);
    expect(ring.identify('')).to.equal(null);
    expect(ring.identify(hashKey(courier))).to.equal(null);
  });

  it('no file yet: no keys, and a key added later works without a restart; a revoked one stops', () => {
    const ring = KeyRing.fromFile(file);
    expect(ring.size).to.equal(0);
    const { key } = addKey(file, 'warehouse');
    expect(ring.identify(key)).to.deep.equal({ keyId: 'warehouse-1', scope: 'warehouse' });
    expect(revokeKey(file, 'warehouse-1')).to.equal(true);
    expect(revokeKey(file, 'warehouse-1')).to.equal(false);
    expect(ring.identify(key)).to.equal(null);
    expect(readKeysFile(file)).to.deep.equal([]);
  });

  it('an invalid file stops the start with the file and the field', () => {
    writeFileSync(join(dir, 'keys.json'), JSON.stringify([
      { id: 'courier-1', scope: 'courier', sha256: hashKey('a'), createdAt: '2026-11-20T08:00:00Z' },
      { id: 'x', scope: 'finance', sha256: 'abc', createdAt: '2026-11-20T08:00:00Z' },
      { id: 'courier-1', scope: 'courier', sha256: hashKey('b'), createdAt: 'yesterday' },
    ]));
    const error = thrown(() => KeyRing.fromFile(join(dir, 'keys.json')));
    expect(isCoded(error, 'config_invalid')).to.equal(true);
    expect(error.message).to.include(join(dir, 'keys.json'));
    expect(error.message).to.include('[1].scope');
    expect(error.message).to.include('[1].sha256: must be 64 lowercase hex digits');
    expect(error.message).to.include('[2].createdAt');

    writeFileSync(join(dir, 'twice.json'), JSON.stringify([
      { id: 'courier-1', scope: 'courier', sha256: hashKey('a'), createdAt: '2026-11-20T08:00:00Z' },
      { id: 'courier-1', scope: 'courier', sha256: hashKey('b'), createdAt: '2026-11-20T08:00:00Z' },
    ]));
    expect(thrown(() => KeyRing.fromFile(join(dir, 'twice.json'))).message).to.include('[1].id: "courier-1" is used twice (also entry 0)');

    writeFileSync(join(dir, 'broken.json'), '[{"id": "courier-1",');
    expect(thrown(() => KeyRing.fromFile(join(dir, 'broken.json'))).message).to.match(/broken\.json: not valid JSON/);
    writeFileSync(join(dir, 'object.json'), '{"courier": "abc"}');
    expect(thrown(() => KeyRing.fromFile(join(dir, 'object.json'))).message).to.include('(file): Invalid input: expected array');
  });

  it('extra fields an operator adds (a note) are kept when a key is added', () => {
    const plain = join(dir, 'keys.json');
    writeFileSync(plain, JSON.stringify([{ id: 'old', scope: 'courier', sha256: hashKey('k'), createdAt: '2026-11-20T08:00:00+08:00', note: 'SF Express' }]));
    addKey(plain, 'courier');
    expect(readKeysFile(plain)[0]).to.include({ note: 'SF Express' });
  });

  it('the API answers 500 while the file is broken, and recovers once it is fixed', async () => {
    const { key } = addKey(file, 'courier');
    const api = await startHarness({ keys: KeyRing.fromFile(file) });
    try {
      const body = { eventId: 'e1', status: 'picked_up' };
      expect((await call(api.base, 'POST', `/parcels/${CASE_ID}/events`, { key, body })).status).to.equal(200);
      const good = readFileSync(file, 'utf8');
      writeFileSync(file, `${good} oops`);
      const broken = await call(api.base, 'POST', `/parcels/${CASE_ID}/events`, { key, body: { ...body, eventId: 'e2' } });
      expect(broken.status).to.equal(500);
      const [line] = api.logger.lines.filter(entry => entry.level === 'error');
      expect(String(line?.fields.error)).to.include(file);
      writeFileSync(file, good);
      expect((await call(api.base, 'POST', `/parcels/${CASE_ID}/events`, { key, body: { ...body, eventId: 'e3' } })).status).to.equal(200);
      expect(JSON.stringify(api.logger.lines)).not.to.include(key);
    } finally {
      await api.stop();
    }
  });
});
