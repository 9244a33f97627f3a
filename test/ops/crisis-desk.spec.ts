import { expect } from 'chai';
import type { Engine } from '../../bot/engine.js';
import { createLogger } from '../../bot/logger.js';
import { CrisisDesk } from '../../bot/operations/crisis-desk.js';
import { CrisisNotifier, limiterSettings } from '../../bot/operations/crisis-notifier.js';
import type { CrisisNotice } from '../../bot/operations/crisis-store.js';
import { OpenCrises } from '../../bot/operations/open-crises.js';
import type { SignedInOperator } from '../../bot/operations/operators.js';
import { seedDemoHistory } from '../../data/demo/seed-history.js';
import { SqliteAuditLog } from '../../data/sqlite/audit-log.js';
import { SqliteCrisisStore } from '../../data/sqlite/crisis-store.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';
import { mouldyMilletCrisis } from './crisis-support.js';

const olivia: SignedInOperator = { username: 'olivia', role: 'operator' };
const otto: SignedInOperator = { username: 'otto', role: 'operator' };

describe('crisis desk', () => {
  let bot: TestBot;
  let openCrises: OpenCrises;
  let store: SqliteCrisisStore;
  let desk: CrisisDesk;
  let kicks: number;
  let log: Record<string, unknown>[];

  beforeEach(async () => {
    openCrises = new OpenCrises();
    bot = await startTestBot({ crises: () => openCrises.current() });
    store = new SqliteCrisisStore(bot.store.db);
    kicks = 0;
    const recording = capturingLogger();
    log = recording.lines;
    desk = new CrisisDesk({ store, openCrises, notifier: { kick: () => { kicks += 1; } }, audit: new SqliteAuditLog(bot.store.db), clock: bot.clock.now, logger: recording.logger });
  });
  afterEach(async () => bot.close());

  async function opened(input = mouldyMilletCrisis()): Promise<string> {
    const result = await desk.open(input, olivia);
    if (!result.ok) throw new Error(`open failed: ${result.message}`);
    return result.crisis.id;
  }

  /** Customers whose conversations are linked to them, each proving an order in their own language. */
  async function customersTalk(): Promise<void> {
    await chat(bot, 'wang-web', 'web').customer('大米生虫了,订单123456,尾号5678').bot(/拍照/);
    await chat(bot, 'chen-ji', 'wechat').customer('大米生蟲了,訂單300001,尾號9999').bot(/幾件/);
    await chat(bot, 'alice', 'web').customer('The mushrooms are mouldy, order 400001, phone ending in 2468').bot(/photos/);
    // Someone who never proved an order: we do not know whose contact this is.
    await chat(bot, 'stranger', 'web').customer('大米生虫了,订单123456').bot(/后四位/);
  }

  describe('opening and closing', () => {
    it('opens a crisis: the engine sees it at once and the log says who opened it', async () => {
      const id = await opened();
      expect(openCrises.current().map(crisis => crisis.id)).to.deep.equal([id]);
      expect(openCrises.current()[0]!.notice.en).to.match(/^About millet batch/);
      expect(log.find(line => line['msg'] === 'crisis opened')).to.deep.include({ crisisId: id, by: 'olivia' });
    });

    it('refuses a second open crisis for the same scope, but not for another one', async () => {
      await opened();
      const again = await desk.open(mouldyMilletCrisis(), otto);
      expect(again).to.deep.include({ ok: false, problem: 'already_open' });
      expect(await desk.open(mouldyMilletCrisis({ scope: { kind: 'product', value: 'MILLET-500' } }), otto)).to.include({ ok: true });
      expect(openCrises.current()).to.have.length(2);
    });

    it('names every bad field and stores nothing', async () => {
      const notice = { 'zh-Hans': '小米有问题', 'zh-Hant': '小'.repeat(501) };
      const result = await desk.open(mouldyMilletCrisis({
        preset: { outcome: 'coupon', returnRequired: 'no', compensation: { kind: 'coupon', amount: 0 } },
        notice,
      }), olivia);
      expect(result.ok).to.equal(false);
      if (result.ok || result.problem !== 'invalid') throw new Error('expected invalid');
      expect(result.fields.map(field => field.field)).to.have.members([
        'preset.outcome', 'preset.returnRequired', 'preset.compensation.amount', 'notice.zh-Hant', 'notice.en',
      ]);
      expect(result.message).to.contain('notice.zh-Hant: must be at most 500 characters');
      expect(await desk.list()).to.deep.equal([]);
    });

    it('refuses a batch, product or supplier the store does not know', async () => {
      for (const scope of [{ kind: 'batch', value: 'B-NOPE' }, { kind: 'product', value: 'B-MIL-2611' }, { kind: 'supplier', value: 'S99' }]) {
        const result = await desk.open(mouldyMilletCrisis({ scope }), olivia);
        expect(result, scope.value).to.deep.include({ ok: false, problem: 'unknown_scope' });
      }
      expect(await desk.list()).to.deep.equal([]);
    });

    it('applies the preset to new requests, shows the progress, and closing restores the rules', async () => {
      const id = await opened();
      await chat(bot)
        .customer('我昨天收到的小米有发霉的,订单号是123456,尾号5678').bot(/几件/)
        .customer('2').bot(/请核对/)
        .customer('确认').bot(/关于小米批次 B-MIL-2611/, /为您退款 ¥51\.60/)
        .caseIs({ decision: { reasons: ['crisis.preset'], crisisId: id } });
      const [listed] = await desk.list();
      expect(listed).to.deep.include({ id, open: true, openedBy: 'olivia', closedAt: null });
      expect(listed!.progress).to.deep.equal({ requests: 1, units: 2, refundCents: 5160, notices: { queued: 0, sent: 0, total: 0 } });

      bot.clock.current = new Date('2026-11-20T12:00:00+08:00');
      const closed = await desk.close(id, otto);
      expect(closed).to.deep.include({ ok: true });
      expect(openCrises.current()).to.deep.equal([]);
      expect(log.find(line => line['msg'] === 'crisis closed')).to.deep.include({ crisisId: id, by: 'otto' });
      const [after] = await desk.list();
      expect(after).to.deep.include({ open: false, closedBy: 'otto', closedAt: '2026-11-20T04:00:00.000Z', audience: null });
      expect(after!.progress.requests).to.equal(1);

      await chat(bot)
        .customer('我昨天收到的小米有发霉的,订单号是123456,尾号5678').bot(/几件/)
        .customer('1').bot(/拍照/)
        .photo(pngPhoto(70)).bot(/请核对/)
        .customer('确认').botNot(/B-MIL-2611/).bot(/质量问题包退换/);
    });

    it('says what is wrong when closing or notifying a closed or unknown crisis', async () => {
      const id = await opened();
      await desk.close(id, olivia);
      expect(await desk.close(id, olivia)).to.deep.include({ ok: false, problem: 'closed' });
      expect(await desk.notify(id, olivia)).to.deep.include({ ok: false, problem: 'closed' });
      expect(await desk.close('CR-nope', olivia)).to.deep.include({ ok: false, problem: 'not_found' });
      expect(await desk.notify('CR-nope', olivia)).to.deep.include({ ok: false, problem: 'not_found' });
    });

    it('reads the open crises back from the store, as a restarted bot does before its first turn', async () => {
      const id = await opened();
      const restarted = new OpenCrises();
      await restarted.reload(store);
      expect(restarted.current().map(crisis => crisis.id)).to.deep.equal([id]);
    });
  });

  describe('audience and notices', () => {
    it('counts the customers who bought within the scope and whose contact we know, each once', async () => {
      await customersTalk();
      // Mrs Wang writes again later on WeChat: her notice goes there, where she talked last.
      bot.clock.current = new Date('2026-11-20T11:00:00+08:00');
      await chat(bot, 'wang-wx', 'wechat').customer('香菇发霉了,订单123458,尾号5678').bot(/拍照/);

      const count = async (kind: string, value: string) => {
        const result = await desk.audienceOf({ kind, value });
        if (!result.ok) throw new Error(result.message);
        return result.count;
      };
      expect(await count('batch', 'B-MIL-2611')).to.equal(1);
      expect(await count('supplier', 'S02')).to.equal(3);
      expect(await count('product', 'MUSHROOM-250')).to.equal(2);
      expect(await count('batch', 'B-BEAN-2610')).to.equal(0);
      expect(await desk.audienceOf({ kind: 'batch', value: 'B-NOPE' })).to.deep.include({ ok: false, problem: 'unknown_scope' });
      expect(await desk.audienceOf({ kind: 'shelf' })).to.deep.include({ ok: false, problem: 'invalid' });

      const id = await opened(mouldyMilletCrisis({ scope: { kind: 'supplier', value: 'S02' } }));
      const recipients = await store.audience({ kind: 'supplier', value: 'S02' });
      expect(recipients.map(recipient => recipient.conversationId)).to.deep.equal(['wechat:wang-wx', 'wechat:chen-ji', 'web:alice']);
      expect((await desk.list())[0]).to.deep.include({ id, audience: 3 });
    });

    it('queues one notice per customer, and sending again queues nothing new', async () => {
      await customersTalk();
      const id = await opened(mouldyMilletCrisis({ scope: { kind: 'supplier', value: 'S02' } }));
      expect(await desk.notify(id, olivia)).to.deep.equal({ ok: true, audience: 3, queued: 3 });
      expect(await desk.notify(id, otto)).to.deep.equal({ ok: true, audience: 3, queued: 0 });
      expect(kicks).to.equal(1);
      expect((await store.tally(id)).notices).to.deep.equal({ queued: 3, sent: 0, total: 3 });
      expect(log.filter(line => line['msg'] === 'crisis notices queued').map(line => line['by'])).to.deep.equal(['olivia', 'otto']);
    });
  });

  describe('the notifier', () => {
    const notice = mouldyMilletCrisis()['notice'] as CrisisNotice;

    /** The real engine, with the moment each send starts written down. */
    function timedEngine(starts: number[]): Pick<Engine, 'act'> {
      return { act: (...args: Parameters<Engine['act']>) => { starts.push(performance.now()); return bot.engine.act(...args); } } as Pick<Engine, 'act'>;
    }

    async function queuedForS02(): Promise<string> {
      await customersTalk();
      const id = await opened(mouldyMilletCrisis({ scope: { kind: 'supplier', value: 'S02' } }));
      await desk.notify(id, olivia);
      return id;
    }

    async function lastText(conversationId: string): Promise<string | undefined> {
      return (await bot.store.lastMessages(conversationId, 1))[0]?.text;
    }

    it('keeps one send at a time, 1/rate apart', () => {
      expect(limiterSettings(5)).to.deep.equal({ maxConcurrent: 1, minTime: 200 });
      expect(limiterSettings(0.5)).to.deep.equal({ maxConcurrent: 1, minTime: 2000 });
      expect(() => limiterSettings(0)).to.throw(RangeError, /perSecond/);
    });

    it('sends each customer the notice in their conversation\'s language, through the outbox, at the bounded rate', async () => {
      const id = await queuedForS02();
      const starts: number[] = [];
      const notifier = new CrisisNotifier({ store, engine: timedEngine(starts), clock: bot.clock.now, logger: createLogger('silent'), perSecond: 20 });
      await notifier.kick();

      expect(starts).to.have.length(3);
      for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!, `gap ${i}`).to.be.at.least(45);
      expect(await lastText('web:wang-web')).to.equal(notice['zh-Hans']);
      expect(await lastText('wechat:chen-ji')).to.equal(notice['zh-Hant']);
      expect(await lastText('web:alice')).to.equal(notice.en);
      const outbox = await bot.store.pendingDeliveries(new Date('2099-01-01T00:00:00Z').toISOString(), 100);
      const queuedTexts = outbox.map(group => `${group.channel}:${group.userId} ${group.deliveries.at(-1)!.message.text}`);
      expect(queuedTexts).to.include.members([`web:wang-web ${notice['zh-Hans']}`, `wechat:chen-ji ${notice['zh-Hant']}`, `web:alice ${notice.en}`]);
      expect((await store.tally(id)).notices).to.deep.equal({ queued: 0, sent: 3, total: 3 });
      await notifier.stop();
    });

    it('resumes after a restart and never sends a notice twice', async () => {
      const id = await queuedForS02();
      // First run: the second notice is stored but the process dies before marking it; the third never starts.
      let calls = 0;
      const dying: Pick<Engine, 'act'> = {
        act: (async (...args: Parameters<Engine['act']>) => {
          calls += 1;
          if (calls === 3) throw new Error('process killed');
          const result = await bot.engine.act(...args);
          if (calls === 2) throw new Error('process killed');
          return result;
        }) as Engine['act'],
      };
      const first = new CrisisNotifier({ store, engine: dying, clock: bot.clock.now, logger: createLogger('silent'), perSecond: 1000 });
      await first.kick();
      await first.stop();
      expect((await store.tally(id)).notices).to.deep.equal({ queued: 2, sent: 1, total: 3 });

      const second = new CrisisNotifier({ store, engine: bot.engine, clock: bot.clock.now, logger: createLogger('silent'), perSecond: 1000 });
      second.start();
      await second.kick();
      await second.stop();
      expect((await store.tally(id)).notices).to.deep.equal({ queued: 0, sent: 3, total: 3 });
      for (const conversationId of ['web:wang-web', 'wechat:chen-ji', 'web:alice']) {
        const said = (await bot.store.lastMessages(conversationId, 50)).filter(message => Object.values(notice).includes(message.text));
        expect(said, conversationId).to.have.length(1);
      }
    });

    it('does not send the notices of a crisis closed before they left', async () => {
      const id = await queuedForS02();
      await desk.close(id, olivia);
      const starts: number[] = [];
      const notifier = new CrisisNotifier({ store, engine: timedEngine(starts), clock: bot.clock.now, logger: createLogger('silent'), perSecond: 1000 });
      await notifier.kick();
      expect(starts).to.deep.equal([]);
      expect((await store.tally(id)).notices).to.deep.equal({ queued: 3, sent: 0, total: 3 });
    });

    it('speaks to a customer known only from past cases in the language of those cases', async () => {
      await seedDemoHistory(bot.store, bot.clock.now());
      const id = await opened();
      const { audience } = (await desk.notify(id, olivia)) as { audience: number };
      expect(audience).to.be.above(3);
      await new CrisisNotifier({ store, engine: bot.engine, clock: bot.clock.now, logger: createLogger('silent'), perSecond: 1000 }).kick();
      const langs = new Set<string>();
      for (const recipient of await store.audience({ kind: 'batch', value: 'B-MIL-2611' })) {
        const [latest] = [...await bot.store.casesOfConversation(recipient.conversationId)].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        expect(await lastText(recipient.conversationId), recipient.conversationId).to.equal(notice[latest!.lang]);
        langs.add(latest!.lang);
      }
      expect([...langs]).to.include.members(['zh-Hans', 'en']);
    });
  });
});
