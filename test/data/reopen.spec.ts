import { expect } from 'chai';
import { seedDemoData } from '../../data/demo/seed.js';
import { openSqliteStore } from '../../data/sqlite/sqlite-store.js';
import { AT, caseEvent, caseRecord, openTempStore, turn, type TempStore } from './fixtures.js';

describe('SqliteStore across restarts', () => {
  let temp: TempStore;
  beforeEach(async () => { temp = await openTempStore(); });
  afterEach(async () => { await temp.dispose(); });

  it('finds everything it committed after being closed and reopened', async () => {
    await seedDemoData(temp.store, new Date(AT));
    const caseId = await temp.store.nextCaseId('20261122');
    const [delivery] = await temp.store.saveTurn(turn({
      cases: [{ kind: 'create', record: caseRecord(caseId), event: caseEvent(caseId, null, 'approved') }],
    }));
    await temp.store.close();
    await temp.store.close(); // closing twice is harmless

    temp.store = await openSqliteStore({ dataDir: temp.dir });
    expect(await temp.store.wasHandled('web', 'm1')).to.equal(true);
    expect(await temp.store.loadConversation('web', 'u1')).to.include({ version: 1 });
    expect(await temp.store.findCase(caseId)).to.deep.equal(caseRecord(caseId));
    expect(await temp.store.findOrder('123456')).to.have.property('lines').with.length(3);
    expect(await temp.store.nextCaseId('20261122')).to.equal('RB-20261122-0002');
    const pending = await temp.store.pendingDeliveries('2099-01-01T00:00:00.000Z', 10);
    expect(pending[0]!.deliveries).to.deep.equal([delivery]);
  });
});
