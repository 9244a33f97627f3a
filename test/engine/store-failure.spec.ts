import { expect } from 'chai';
import { ReturnbotError } from '../../bot/errors.js';
import type { Store } from '../../bot/store.js';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';
import { engineOver, image, inbound, overrideStore, texts } from './engine-support.js';

/** What the store holds, table by table, to show a failed turn left nothing behind. */
function snapshot(bot: TestBot) {
  const db = bot.store.db;
  const all = (sql: string) => db.prepare(sql).all();
  return {
    handled: all('SELECT * FROM handled_messages ORDER BY channel, message_id'),
    messages: all('SELECT * FROM messages ORDER BY id'),
    outbox: all('SELECT * FROM outbox ORDER BY id'),
    conversations: all('SELECT * FROM conversations ORDER BY id'),
    cases: all('SELECT * FROM cases ORDER BY id'),
    events: all('SELECT * FROM case_events ORDER BY id'),
  };
}

describe('engine: a store failure mid-turn', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  /** The real store, except that the next `saveTurn` fails once the way a full disk would. */
  function failingOnce(method: 'saveTurn' | 'savePhoto' | 'loadConversation'): { store: Store; failed: () => boolean } {
    let armed = true;
    const fail = (): never => {
      armed = false;
      throw new Error('SQLITE_FULL: database or disk is full');
    };
    const real = bot.store;
    const store = overrideStore(real, {
      saveTurn: async turn => (method === 'saveTurn' && armed ? fail() : real.saveTurn(turn)),
      savePhoto: async (photo, data) => (method === 'savePhoto' && armed ? fail() : real.savePhoto(photo, data)),
      loadConversation: async (channel, userId) => (method === 'loadConversation' && armed ? fail() : real.loadConversation(channel, userId)),
    });
    return { store, failed: () => !armed };
  }

  it('the customer gets the apology (outbox id 0), nothing is half-written, the same message re-sent makes the case', async () => {
    await chat(bot, 'disk-full')
      .customer('我昨天收到的小米有发霉的,订单号是123456').customer('5678').customer('2')
      .photo(pngPhoto(51)).customer('确认').bot(/您希望怎么处理/);
    const { store, failed } = failingOnce('saveTurn');
    const engine = engineOver(bot, store);
    const before = snapshot(bot);

    const apology = await engine.handle(inbound('disk-full', '退款', { messageId: 'refund-1' }));
    expect(failed()).to.equal(true);
    expect(apology).to.deep.equal([{ outboxId: 0, message: { text: '抱歉,我们这边出了点问题,请稍后再发一次消息。' } }]);
    expect(snapshot(bot)).to.deep.equal(before);
    await engine.delivered(apology.map(delivery => delivery.outboxId));

    const retried = await engine.handle(inbound('disk-full', '退款', { messageId: 'refund-1' }));
    expect(texts(retried).join('\n')).to.match(/工单号是 RB-20261120-\d{4}/);
    expect(retried.every(delivery => delivery.outboxId > 0)).to.equal(true);
    const cases = await bot.store.casesOfConversation('test:disk-full');
    expect(cases).to.have.length(1);
    expect(cases[0]).to.deep.include({ outcome: 'refund', status: 'approved', quantity: 2 });
    expect(await engine.handle(inbound('disk-full', '退款', { messageId: 'refund-1' })), 'and only once').to.deep.equal([]);
  });

  it('en: the apology is in the language of the conversation, even for a message of digits', async () => {
    await chat(bot, 'disk-full-en').customer('the millet I received yesterday is mouldy, order 123456').bot(/last 4 digits/);
    const engine = engineOver(bot, failingOnce('saveTurn').store);
    const apology = await engine.handle(inbound('disk-full-en', '5678', { messageId: 'digits-1' }));
    expect(texts(apology)).to.deep.equal(['Sorry, something went wrong on our side. Please send your message again in a moment.']);
    expect(texts(await engine.handle(inbound('disk-full-en', '5678', { messageId: 'digits-1' }))).join('\n')).to.match(/How many of "Millet 500g"/);
  });

  it('zh-Hant: the apology keeps Traditional Chinese', async () => {
    await chat(bot, 'disk-full-hant').customer('我昨天收到的小米有發霉的,訂單號是123456').bot(/後四位/);
    const engine = engineOver(bot, failingOnce('saveTurn').store);
    expect(texts(await engine.handle(inbound('disk-full-hant', '5678')))).to.deep.equal(['抱歉,我們這邊出了點問題,請稍後再發一次訊息。']);
  });

  it('a failure inside the transaction (the last insert) rolls the whole turn back', async () => {
    await chat(bot, 'rollback')
      .customer('我昨天收到的小米有发霉的,订单号是123456').customer('5678').customer('2')
      .photo(pngPhoto(52)).customer('确认').bot(/您希望怎么处理/);
    const before = snapshot(bot);
    // The outbox entry is the turn's last write: the message, state and case are in before it fails.
    bot.store.db.exec(`CREATE TEMP TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const apology = await bot.engine.handle(inbound('rollback', '换货', { messageId: 'exchange-1' }));
    expect(apology).to.have.length(1);
    expect(apology[0]!.outboxId).to.equal(0);
    expect(snapshot(bot)).to.deep.equal(before);
    bot.store.db.exec('DROP TRIGGER outbox_fails');

    expect(texts(await bot.engine.handle(inbound('rollback', '换货', { messageId: 'exchange-1' }))).join('\n')).to.match(/工单号是/);
    const cases = await bot.store.casesOfConversation('test:rollback');
    expect(cases.map(record => record.outcome)).to.deep.equal(['exchange']);
    expect(snapshot(bot).events).to.have.length(1);
  });

  it('a photo that could not be saved: the apology, then the same message keeps the photo once', async () => {
    await chat(bot, 'photo-fails').customer('我昨天收到的小米有发霉的,订单号是123456').customer('5678').customer('2').bot(/拍照/);
    const engine = engineOver(bot, failingOnce('savePhoto').store);
    const photo = { messageId: 'photo-1', attachments: [image(pngPhoto(53))] };
    expect(texts(await engine.handle(inbound('photo-fails', '', photo)))).to.deep.equal(['抱歉,我们这边出了点问题,请稍后再发一次消息。']);
    expect(texts(await engine.handle(inbound('photo-fails', '', photo))).join('\n')).to.match(/照片已收到\(第 1 张/);
    expect(texts(await engine.handle(inbound('photo-fails', '', photo)))).to.deep.equal([]);
  });

  it('a failing read: the apology, and the conversation is as it was', async () => {
    await chat(bot, 'read-fails').customer('我昨天收到的小米有发霉的,订单号是123456').bot(/后四位/);
    const engine = engineOver(bot, failingOnce('loadConversation').store);
    expect(texts(await engine.handle(inbound('read-fails', '5678', { messageId: 'r-1' })))).to.deep.equal(['抱歉,我们这边出了点问题,请稍后再发一次消息。']);
    expect(texts(await engine.handle(inbound('read-fails', '5678', { messageId: 'r-1' }))).join('\n')).to.match(/几件/);
  });

  it('another process moving the conversation between load and save: the turn is redone on the new state', async () => {
    await chat(bot, 'two-processes').customer('我昨天收到的小米有发霉的,订单号是123456').bot(/后四位/);
    const other = engineOver(bot, bot.store);
    let interfered = false;
    const store = overrideStore(bot.store, {
      loadConversation: async (channel, userId) => {
        const loaded = await bot.store.loadConversation(channel, userId);
        if (!interfered) {
          interfered = true;
          expect(texts(await other.handle(inbound('two-processes', '5678', { messageId: 'p2-1' }))).join('\n')).to.match(/几件/);
        }
        return loaded;
      },
    });
    const answer = await engineOver(bot, store).handle(inbound('two-processes', '2', { messageId: 'p1-1' }));
    expect(texts(answer).join('\n')).to.match(/拍照/);
    const stored = (await bot.store.messages('test:two-processes', 0, 100)).filter(message => message.direction === 'in');
    expect(stored.map(message => message.text)).to.deep.equal(['我昨天收到的小米有发霉的,订单号是123456', '5678', '2']);
    expect((await bot.store.loadConversation('test', 'two-processes'))!.version).to.equal(3);
  });

  it('the same message handled by another process meanwhile is answered once, not twice', async () => {
    await chat(bot, 'twin').customer('我昨天收到的小米有发霉的,订单号是123456').bot(/后四位/);
    const other = engineOver(bot, bot.store);
    let interfered = false;
    const store = overrideStore(bot.store, {
      wasHandled: async (channel, messageId) => {
        const handled = await bot.store.wasHandled(channel, messageId);
        if (!interfered) {
          interfered = true;
          expect(texts(await other.handle(inbound('twin', '5678', { messageId: 'twin-1' }))).join('\n')).to.match(/几件/);
        }
        return handled;
      },
    });
    expect(await engineOver(bot, store).handle(inbound('twin', '5678', { messageId: 'twin-1' }))).to.deep.equal([]);
    expect((await bot.store.messages('test:twin', 0, 100)).filter(message => message.text === '5678')).to.have.length(1);
  });

  it('a stale write twice in a row ends in the apology, not a throw', async () => {
    const stale = () => Promise.reject(new ReturnbotError('stale_state', 'SqliteStore.saveTurn(): conversation moved'));
    const engine = engineOver(bot, overrideStore(bot.store, { saveTurn: stale }));
    const deliveries = await engine.handle(inbound('always-stale', '你好'));
    expect(deliveries).to.have.length(1);
    expect(deliveries[0]!.outboxId).to.equal(0);
  });
});
