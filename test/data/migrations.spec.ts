import Database from 'better-sqlite3';
import { expect } from 'chai';
import { isCoded } from '../../bot/errors.js';
import { SqliteAlertStore } from '../../data/sqlite/alert-store.js';
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

  it('gives the alerts of a version-5 database a last sighting (their raise), and the store works on them', async () => {
    const db = new Database(':memory:');
    try {
      for (const sql of MIGRATIONS.slice(0, 5)) db.exec(sql);
      db.pragma('user_version = 5');
      const insert = db.prepare(`INSERT INTO alerts (key, kind, message, details_json, raised_at, cleared_at) VALUES (?, 'batch', 'up', '{}', ?, ?)`);
      insert.run('batch:A', '2026-11-01T02:00:00.000Z', '2026-11-03T02:00:00.000Z');
      insert.run('batch:B', '2026-11-02T02:00:00.000Z', null);

      migrate(db);

      expect(db.pragma('user_version', { simple: true })).to.equal(MIGRATIONS.length);
      expect(db.prepare('SELECT key, last_seen_at FROM alerts ORDER BY id').raw().all()).to.deep.equal([
        ['batch:A', '2026-11-01T02:00:00.000Z'],
        ['batch:B', '2026-11-02T02:00:00.000Z'],
      ]);
      const alerts = new SqliteAlertStore(db);
      const [open] = await alerts.open();
      await alerts.apply({ raise: [], seen: [open!.id], refresh: [], clear: [] }, '2026-11-20T02:00:00.000Z');
      expect((await alerts.open()).map(a => [a.key, a.lastSeenAt])).to.deep.equal([['batch:B', '2026-11-20T02:00:00.000Z']]);
    } finally {
      db.close();
    }
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
