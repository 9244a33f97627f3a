import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { isCoded } from '../../bot/errors.js';
import type { PhotoRecord } from '../../bot/records.js';
import { AT, openTempStore, rejectionOf, type TempStore } from './fixtures.js';

describe('SqliteStore.savePhoto', () => {
  let temp: TempStore;
  beforeEach(async () => { temp = await openTempStore(); });
  afterEach(async () => { await temp.dispose(); });

  const data = Buffer.from('not really a jpeg, but the store does not look');
  const sha256 = createHash('sha256').update(data).digest('hex');
  const photo: PhotoRecord = { id: sha256, mime: 'image/jpeg', bytes: data.length, conversationId: 'web:u1', createdAt: AT };

  it('keeps the bytes once, under photos/<first 2 hex>/<sha256>, with one metadata row', async () => {
    await temp.store.savePhoto(photo, data);
    await temp.store.savePhoto({ ...photo, conversationId: 'web:u2' }, data);

    const folder = path.join(temp.dir, 'photos', sha256.slice(0, 2));
    expect(await readdir(folder)).to.deep.equal([sha256]); // no temporary file left behind
    expect(await readFile(path.join(folder, sha256))).to.deep.equal(data);
    const rows = temp.store.db.prepare('SELECT * FROM photos').all();
    expect(rows).to.deep.equal([{
      sha256, mime: 'image/jpeg', bytes: data.length, conversation_id: 'web:u1',
      path: path.join('photos', sha256.slice(0, 2), sha256), created_at: AT,
    }]);
  });

  it('refuses an id that is not the sha256 of the bytes, writing no file', async () => {
    const error = await rejectionOf(temp.store.savePhoto({ ...photo, id: '../../escape' }, data));
    expect(isCoded(error, 'store_failed')).to.equal(true);
    expect((error as Error).message).to.match(/^SqliteStore\.savePhoto\(\): /);
    expect(await readdir(temp.dir)).to.not.include('photos');
  });
});
