import { expect } from 'chai';
import { isCoded } from '../../bot/errors.js';
import { MIGRATIONS, migrate } from '../../data/sqlite/migrations.js';
import { openSqliteStore } from '../../data/sqlite/sqlite-store.js';
import { openTempStore, rejectionOf, turn, type TempStore } from './fixtures.js';

describe('SQLite migrations', () => {
  let temp: TempStore;
  beforeEach(async () => { temp = await openTempStore(); });
  afterEach(async () => { await temp.dispose(); });

  const schema = () => temp.store.db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
  const userVersion = () => temp.store.db.pragma('user_version', { simple: true });

  it('brings a new database to the last version', () => {
    expect(userVersion()).to.equal(MIGRATIONS.length);
  });

  it('changes nothing when run again, on the same connection or on reopening', async () => {
    await temp.store.saveTurn(turn());
    const before = schema();
    migrate(temp.store.db);
    await temp.store.close();
    temp.store = await openSqliteStore({ dataDir: temp.dir });
    expect(schema()).to.deep.equal(before);
    expect(userVersion()).to.equal(MIGRATIONS.length);
    expect(await temp.store.loadConversation('web', 'u1')).to.include({ version: 1 });
  });

  it('configures the connection for WAL with foreign keys', () => {
    const pragma = (name: string) => temp.store.db.pragma(name, { simple: true });
    expect(pragma('journal_mode')).to.equal('wal');
    expect(pragma('synchronous')).to.equal(1); // NORMAL
    expect(pragma('foreign_keys')).to.equal(1);
    expect(pragma('busy_timeout')).to.be.greaterThan(0);
  });

  it('refuses a database written by a newer returnbot', async () => {
    temp.store.db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    await temp.store.close();
    const error = await rejectionOf(openSqliteStore({ dataDir: temp.dir }));
    expect(isCoded(error, 'store_failed')).to.equal(true);
    expect((error as Error).message).to.match(/^openSqliteStore\(\): .*newer/);
  });
});
