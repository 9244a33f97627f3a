import { expect } from 'chai';
import { conversation, openTempStore, turn, type TempStore } from './fixtures.js';

const T0 = '2026-11-22T02:00:00.000Z';
const T1 = '2026-11-22T02:01:00.000Z';
const T2 = '2026-11-22T02:02:00.000Z';

describe('SqliteStore outbox', () => {
  let temp: TempStore;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date(T2);
    temp = await openTempStore({ clock: () => clock });
  });
  afterEach(async () => { await temp.dispose(); });

  /** Three replies to u1 and one to u2, claimed by their turns at T0. */
  async function writeReplies(): Promise<void> {
    await temp.store.saveTurn(turn({ at: T0, replies: [{ text: 'u1-a' }, { text: 'u1-b' }] }));
    await temp.store.saveTurn(turn({ at: T0, messageId: 'm2', conversation: conversation('u2'), replies: [{ text: 'u2-a' }] }));
    await temp.store.saveTurn(turn({ at: T0, messageId: 'm3', expectedVersion: 1, replies: [{ text: 'u1-c' }] }));
  }

  const texts = (groups: Awaited<ReturnType<TempStore['store']['pendingDeliveries']>>) =>
    groups.map((g) => [g.channel, g.userId, g.deliveries.map((d) => d.message.text)]);

  it('leaves entries claimed since claimedBefore to the turn that claimed them', async () => {
    await writeReplies();
    expect(await temp.store.pendingDeliveries(T0, 10)).to.deep.equal([]);
  });

  it('hands out older claims once, grouped by contact in outbox order', async () => {
    await writeReplies();
    const groups = await temp.store.pendingDeliveries(T1, 10);
    expect(texts(groups)).to.deep.equal([
      ['web', 'u1', ['u1-a', 'u1-b', 'u1-c']],
      ['web', 'u2', ['u2-a']],
    ]);
    expect(await temp.store.pendingDeliveries(T1, 10)).to.deep.equal([]);
    const claims = temp.store.db.prepare('SELECT DISTINCT claimed_at FROM outbox').pluck().all();
    expect(claims).to.deep.equal([T2]);
  });

  it('takes at most `limit` entries, oldest first', async () => {
    await writeReplies();
    expect(texts(await temp.store.pendingDeliveries(T1, 2))).to.deep.equal([['web', 'u1', ['u1-a', 'u1-b']]]);
    expect(texts(await temp.store.pendingDeliveries(T1, 2))).to.deep.equal([['web', 'u2', ['u2-a']], ['web', 'u1', ['u1-c']]]);
  });

  it('never hands out delivered entries', async () => {
    await writeReplies();
    const deliveries = await temp.store.saveTurn(turn({ at: T0, messageId: 'm4', expectedVersion: 2, replies: [{ text: 'u1-d' }] }));
    await temp.store.markDelivered([deliveries[0]!.outboxId], T1);
    await temp.store.markDelivered([], T1);
    expect(texts(await temp.store.pendingDeliveries(T1, 10))).to.deep.equal([
      ['web', 'u1', ['u1-a', 'u1-b', 'u1-c']],
      ['web', 'u2', ['u2-a']],
    ]);
    const delivered = temp.store.db.prepare('SELECT delivered_at FROM outbox WHERE id = ?').pluck();
    expect(delivered.get(deliveries[0]!.outboxId)).to.equal(T1);
  });

  it('hands out an unclaimed entry whatever claimedBefore is', async () => {
    await writeReplies();
    temp.store.db.prepare('UPDATE outbox SET claimed_at = NULL WHERE id = (SELECT min(id) FROM outbox)').run();
    expect(texts(await temp.store.pendingDeliveries(T0, 10))).to.deep.equal([['web', 'u1', ['u1-a']]]);
  });
});
