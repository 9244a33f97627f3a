import { expect } from 'chai';
import { defaultCalendarPath, loadCalendar } from '../../bot/calendar-file.js';
import { LifecycleActions } from '../../bot/lifecycle/lifecycle-actions.js';
import { timerEffects } from '../../bot/lifecycle/timer-effects.js';
import { createLogger } from '../../bot/logger.js';
import { TimerWheel } from '../../bot/timer-wheel.js';
import { addWorkingDays } from '../../policies/working-days.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';
import { RecordingChannel } from '../desk/desk-support.js';
import { mugReturn } from './lifecycle-support.js';

const HOUR = 3_600_000;

describe('durable timers of the lifecycle (Asia/Shanghai, server in UTC)', () => {
  let bot: TestBot;
  let channel: RecordingChannel;
  let wheel: TimerWheel;
  let life: LifecycleActions;
  /** The real bot, lifecycle and timer wheel, with the demo data seeded relative to `now`. */
  const open = async (now?: string) => {
    bot = await startTestBot(now ? { now } : {});
    channel = new RecordingChannel('test');
    bot.engine.attach(channel);
    const calendar = loadCalendar(defaultCalendarPath);
    life = new LifecycleActions({ engine: bot.engine, store: bot.store, refundDueAt: at => addWorkingDays(at, bot.rules.timeline.refundWorkingDays, calendar, bot.rules.timezone) });
    wheel = new TimerWheel({ store: bot.store, clock: bot.clock.now, logger: createLogger('silent'), handle: timerEffects(bot.engine, bot.store) });
  };
  beforeEach(() => open());
  afterEach(async () => bot.close());

  it('reminds a customer who has not sent the parcel after 72 hours, once', async () => {
    const { caseId } = await mugReturn(bot, 'wang', '退款');
    bot.clock.current = new Date(bot.clock.current.getTime() + 71 * HOUR);
    await wheel.runOnce();
    expect(channel.textsTo('wang')).to.equal('');
    bot.clock.current = new Date(bot.clock.current.getTime() + 2 * HOUR);
    await wheel.runOnce();
    await wheel.runOnce();
    expect(channel.textsTo('wang').match(new RegExp(`还没有收到工单 ${caseId} 的退货包裹`, 'g'))).to.have.length(1);
  });

  it('does not remind when the parcel came in time', async () => {
    const { caseId } = await mugReturn(bot, 'wang', '退款');
    await life.apply(caseId, { kind: 'parcel', status: 'picked_up' }, 'courier', 'p1');
    bot.clock.advanceDays(4);
    await wheel.runOnce();
    expect(channel.textsTo('wang')).not.to.match(/还没有收到/);
  });

  it('reminds a customer who left the photos for 24 hours', async () => {
    await chat(bot, 'alice').customer('The mug from order 400001 is defective, phone ending 2468').customer('1').bot(/photos/);
    bot.clock.advanceDays(1.01);
    await wheel.runOnce();
    expect(channel.textsTo('alice')).to.match(/please send the photos/);
  });

  it('the refund promise crosses the Mid-Autumn holiday and the weekend; a missed one is recorded once', async () => {
    await bot.close();
    await open('2026-09-23T10:00:00+08:00');
    const { caseId } = await mugReturn(bot, 'wang', '退款');
    bot.clock.current = new Date('2026-09-25T07:00:00Z'); // Friday 15:00 in Shanghai, a public holiday
    await life.apply(caseId, { kind: 'parcel', status: 'delivered' }, 'courier', 'd1');
    expect(channel.textsTo('wang')).to.match(/将在 2026-09-28 前为您处理退款/);
    bot.clock.current = new Date('2026-09-28T15:59:00Z');
    await wheel.runOnce();
    bot.clock.current = new Date('2026-09-28T16:00:00Z');
    await wheel.runOnce();
    await wheel.runOnce();
    const overdue = (await bot.store.caseEvents(caseId)).filter(event => event.note === 'refund overdue');
    expect(overdue).to.have.length(1);
  });

  it('a timer pending across a restart still fires after it', async () => {
    await mugReturn(bot, 'wang', '换货');
    const dataDir = bot.dataDir;
    const at = new Date(bot.clock.current.getTime() + 80 * HOUR).toISOString();
    await bot.store.close();
    const again = await startTestBot({ dataDir, now: at });
    try {
      const restarted = new RecordingChannel('test');
      again.engine.attach(restarted);
      await new TimerWheel({ store: again.store, clock: again.clock.now, logger: createLogger('silent'), handle: timerEffects(again.engine, again.store) }).runOnce();
      expect(restarted.textsTo('wang')).to.match(/还没有收到工单 RB-20261120-0001 的退货包裹/);
    } finally {
      await again.close();
    }
  });
});
