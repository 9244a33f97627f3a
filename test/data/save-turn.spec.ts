import { expect } from 'chai';
import { isCoded } from '../../bot/errors.js';
import { seedDemoData } from '../../data/demo/seed.js';
import { AT, caseEvent, caseRecord, conversation, openTempStore, rejectionOf, turn, turnTableCounts, type TempStore } from './fixtures.js';

describe('SqliteStore.saveTurn', () => {
  let temp: TempStore;
  beforeEach(async () => { temp = await openTempStore(); });
  afterEach(async () => { await temp.dispose(); });

  it('stores the inbound message, the conversation, the replies and their claimed outbox entries', async () => {
    const deliveries = await temp.store.saveTurn(turn({
      inbound: { channel: 'web', messageId: 'm1', text: '这是照片', attachmentCount: 2 },
      replies: [{ text: '收到' }, { text: '请选择', quickReplies: [{ label: '退款', value: 'refund' }] }],
    }));

    expect(deliveries.map((d) => d.message.text)).to.deep.equal(['收到', '请选择']);
    expect(deliveries[1]!.outboxId).to.be.greaterThan(deliveries[0]!.outboxId);
    expect(await temp.store.wasHandled('web', 'm1')).to.equal(true);
    expect(await temp.store.loadConversation('web', 'u1')).to.deep.equal({ ...conversation(), version: 1 });
    const stored = await temp.store.messages('web:u1', 0, 10);
    expect(stored.map((m) => [m.direction, m.text, m.payload])).to.deep.equal([
      ['in', '这是照片', null],
      ['out', '收到', { text: '收到' }],
      ['out', '请选择', { text: '请选择', quickReplies: [{ label: '退款', value: 'refund' }] }],
    ]);
    const inbound = temp.store.db.prepare("SELECT payload_json FROM messages WHERE direction = 'in'").pluck().get();
    expect(JSON.parse(inbound as string)).to.deep.equal({ attachmentCount: 2 });
    const outbox = temp.store.db.prepare('SELECT channel, user_id, claimed_at, delivered_at FROM outbox').all();
    expect(outbox).to.deep.equal([
      { channel: 'web', user_id: 'u1', claimed_at: AT, delivered_at: null },
      { channel: 'web', user_id: 'u1', claimed_at: AT, delivered_at: null },
    ]);
  });

  it('increments the version on each save and keeps the latest state', async () => {
    await temp.store.saveTurn(turn());
    await temp.store.saveTurn(turn({
      messageId: 'm2',
      conversation: conversation('u1', { step: 'order' }),
      expectedVersion: 1,
    }));
    expect(await temp.store.loadConversation('web', 'u1')).to.include({ version: 2 })
      .and.to.have.deep.property('state', { step: 'order' });
  });

  it('saves a turn with no inbound message (agent, timer)', async () => {
    await temp.store.saveTurn(turn());
    const { inbound: _, ...agentTurn } = turn({ expectedVersion: 1, replies: [{ text: '客服已接手' }] });
    const deliveries = await temp.store.saveTurn(agentTurn);
    expect(deliveries).to.have.length(1);
    expect(turnTableCounts(temp.store)).to.include({ handled_messages: 1, messages: 3, outbox: 2 });
  });

  it('rejects a message already handled with duplicate_message and writes nothing', async () => {
    await temp.store.saveTurn(turn());
    const before = turnTableCounts(temp.store);
    const error = await rejectionOf(temp.store.saveTurn(turn({ expectedVersion: 1 })));
    expect(isCoded(error, 'duplicate_message')).to.equal(true);
    expect((error as Error).message).to.match(/^SqliteStore\.saveTurn\(\): /);
    expect(turnTableCounts(temp.store)).to.deep.equal(before);
    expect(await temp.store.loadConversation('web', 'u1')).to.include({ version: 1 });
  });

  it('rejects a turn read at an older version with stale_state and writes nothing', async () => {
    await temp.store.saveTurn(turn());
    await temp.store.saveTurn(turn({ messageId: 'm2', expectedVersion: 1 }));
    const before = turnTableCounts(temp.store);
    const error = await rejectionOf(temp.store.saveTurn(turn({ messageId: 'm3', expectedVersion: 1 })));
    expect(isCoded(error, 'stale_state')).to.equal(true);
    expect(turnTableCounts(temp.store)).to.deep.equal(before);
    expect(await temp.store.wasHandled('web', 'm3')).to.equal(false);
  });

  it('treats a second "first turn" of the same contact as stale', async () => {
    await temp.store.saveTurn(turn());
    const error = await rejectionOf(temp.store.saveTurn(turn({ messageId: 'm2', expectedVersion: 0 })));
    expect(isCoded(error, 'stale_state')).to.equal(true);
  });

  it('rolls everything back when a write fails after the conversation was updated', async () => {
    await seedDemoData(temp.store, new Date(AT));
    await temp.store.saveTurn(turn({ cases: [{ kind: 'create', record: caseRecord('RB-1'), event: caseEvent('RB-1', null, 'approved') }] }));
    const before = turnTableCounts(temp.store);
    // The case write comes after the conversation and the inbound message: its failure must undo them.
    const error = await rejectionOf(temp.store.saveTurn(turn({
      messageId: 'm2',
      conversation: conversation('u1', { step: 'changed' }),
      expectedVersion: 1,
      cases: [{ kind: 'create', record: caseRecord('RB-1'), event: caseEvent('RB-1', null, 'approved') }],
    })));
    expect(isCoded(error, 'store_failed')).to.equal(true);
    expect((error as Error).message).to.match(/^SqliteStore\.saveTurn\(\): .*UNIQUE/);
    expect(turnTableCounts(temp.store)).to.deep.equal(before);
    expect(await temp.store.loadConversation('web', 'u1')).to.deep.include({ version: 1, state: { step: 'start' } });
    expect(await temp.store.wasHandled('web', 'm2')).to.equal(false);
  });

  it('pages stored messages after a given id', async () => {
    await temp.store.saveTurn(turn({ replies: [{ text: 'a' }, { text: 'b' }] }));
    const all = await temp.store.messages('web:u1', 0, 10);
    const page = await temp.store.messages('web:u1', all[0]!.id, 1);
    expect(page.map((m) => m.text)).to.deep.equal(['a']);
    expect(await temp.store.messages('web:other', 0, 10)).to.deep.equal([]);
  });
});
