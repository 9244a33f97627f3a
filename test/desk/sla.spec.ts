import { expect } from 'chai';
import { createLogger } from '../../bot/logger.js';
import { SlaWatch } from '../../bot/sla-watch.js';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';
import { attachDesk } from './desk-support.js';

const HOUR = 1 / 24;

describe('time commitments of a hand-over (24 h first feedback, 48 h review)', () => {
  let bot: TestBot;
  let people: ReturnType<typeof attachDesk>;
  let watch: SlaWatch;
  beforeEach(async () => {
    bot = await startTestBot();
    people = attachDesk(bot);
    watch = new SlaWatch({ engine: bot.engine, store: bot.store, clock: bot.clock.now, logger: createLogger('silent'), reminderLeadMs: 2 * 3_600_000 });
  });
  afterEach(async () => bot.close());

  const slaEvents = () => people.desk.events.filter(event => event.kind === 'sla').map(event => event.kind === 'sla' && `${event.deadline}:${event.state}`);

  it('reminds before each deadline, marks a breach on the case, and says each thing once', async () => {
    await chat(bot, 'chen').customer('大米生虫了,订单300001,尾号9999').customer('10袋').photo(pngPhoto(95)).customer('确认');
    const escalation = (await bot.store.openEscalationOf('test:chen'))!;
    bot.clock.advanceDays(21 * HOUR);
    await watch.runOnce();
    await people.publisher.runOnce();
    expect(slaEvents()).to.deep.equal([]);
    bot.clock.advanceDays(1.5 * HOUR);
    await watch.runOnce();
    await watch.runOnce();
    await people.publisher.runOnce();
    expect(slaEvents()).to.deep.equal(['first_response:due_soon']);
    bot.clock.advanceDays(2 * HOUR);
    await watch.runOnce();
    await people.publisher.runOnce();
    expect(slaEvents()).to.deep.equal(['first_response:due_soon', 'first_response:breached']);
    const breaches = bot.store.db.prepare("SELECT note FROM case_events WHERE case_id = ? AND note LIKE 'SLA%'").all(escalation.caseId);
    expect(breaches).to.deep.equal([{ note: 'SLA breached: first_response' }]);

    await people.actions.claim(escalation.id, { id: 'U1', name: '小王' }, 'late-claim');
    bot.clock.advanceDays(24 * HOUR);
    await watch.runOnce();
    await people.publisher.runOnce();
    expect(slaEvents()).to.deep.equal(['first_response:due_soon', 'first_response:breached', 'review:breached']);
  });

  it('a case decided in time raises nothing', async () => {
    await chat(bot, 'chen').customer('大米生虫了,订单300001,尾号9999').customer('10袋').photo(pngPhoto(96)).customer('确认');
    const escalation = (await bot.store.openEscalationOf('test:chen'))!;
    bot.clock.advanceDays(HOUR);
    await people.actions.decide(escalation.id, { id: 'U1', name: '小王' }, { kind: 'approve', outcome: 'refund' }, 'ok');
    bot.clock.advanceDays(3);
    await watch.runOnce();
    await people.publisher.runOnce();
    expect(slaEvents()).to.deep.equal([]);
  });
});
