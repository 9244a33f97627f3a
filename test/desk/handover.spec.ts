import { expect } from 'chai';
import type { Agent } from '../../bot/desk.js';
import { pngPhoto } from '../support/images.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { chat } from '../support/transcript.js';
import { attachDesk } from './desk-support.js';

const WANG: Agent = { id: 'U-WANG', name: '小王' };
const LI: Agent = { id: 'U-LI', name: '小李' };

describe('hand-over to a person (engine side of the agent desk)', () => {
  let bot: TestBot;
  let people: ReturnType<typeof attachDesk>;
  beforeEach(async () => {
    bot = await startTestBot();
    people = attachDesk(bot);
  });
  afterEach(async () => bot.close());

  const openFor = async (userId: string) => (await bot.store.openEscalationOf(`test:${userId}`))!;

  it('转人工 opens one hand-over shown on the desk with the facts collected so far', async () => {
    await chat(bot, 'wang').customer('订单123456的小米发霉了,尾号5678').bot(/几件/).customer('转人工').bot(/转给同事/);
    await people.publisher.runOnce();
    const escalation = await openFor('wang');
    expect(escalation).to.include({ status: 'waiting', reason: 'requested', caseId: null });
    expect(people.desk.kinds()).to.deep.equal(['opened']);
    const view = await people.actions.view(escalation.id);
    expect(view!.facts.map(fact => fact.value)).to.include.members(['质量问题', '123456', '小米 500g']);
    expect(view!.transcript.map(message => message.text).join('\n')).to.contain('转人工');
    await chat(bot, 'wang').customer('人工客服呢?').customer('转人工');
    expect((await bot.store.openEscalations()).length).to.equal(1);
  });

  it('one owner at a time; while held the bot is silent and the agent sees text and photos; replies reach the customer', async () => {
    const c = chat(bot, 'alice');
    await c.customer('I want to talk to a real person').bot(/colleague/);
    const escalation = await openFor('alice');
    const [first, second] = await Promise.all([
      people.actions.claim(escalation.id, WANG, 'a1'),
      people.actions.claim(escalation.id, LI, 'a2'),
    ]);
    expect(first).to.deep.equal({ ok: true });
    expect(second).to.deep.equal({ ok: false, problem: 'taken', owner: WANG });
    expect(people.channel.textsTo('alice')).to.match(/小王 from our service team has joined/);
    await c.customer('my mug arrived cracked', [{ kind: 'image', name: 'mug.png', data: pngPhoto(90) }]).silent();
    await people.publisher.runOnce();
    const said = people.desk.events.find(event => event.kind === 'customer_said');
    expect(said).to.deep.include({ kind: 'customer_said', text: 'my mug arrived cracked' });
    expect(said!.kind === 'customer_said' && said!.photoIds).to.have.length(1);
    expect(await people.actions.reply(escalation.id, WANG, 'Sorry! Which order is it?', 'r1')).to.deep.equal({ ok: true });
    expect(await people.actions.reply(escalation.id, WANG, 'Sorry! Which order is it?', 'r1')).to.deep.equal({ ok: true });
    expect(people.channel.textsTo('alice').match(/Which order is it/g)).to.have.length(1);
    expect(await people.actions.reply(escalation.id, LI, 'hi', 'r2')).to.deep.include({ ok: false, problem: 'not_owner' });
  });

  it('rules send a wholesale case to a person; the agent approves and the customer gets the bot\'s confirmation', async () => {
    await chat(bot, 'chen')
      .customer('大米生虫了,订单300001,尾号9999').customer('10袋').photo(pngPhoto(91)).customer('确认').bot(/专属客服/);
    const escalation = await openFor('chen');
    expect(escalation.caseId).to.match(/^RB-/);
    expect(await people.actions.decide(escalation.id, WANG, { kind: 'approve', outcome: 'refund' }, 'd1')).to.deep.equal({ ok: true });
    const told = people.channel.textsTo('chen');
    expect(told).to.match(/客服 小王 已加入对话/).and.match(/同事已审核工单 RB-/).and.match(/工单号是 RB-/).and.match(/退款 1–3 个工作日到账/);
    expect(await bot.store.findCase(escalation.caseId!)).to.deep.include({ status: 'approved', outcome: 'refund' });
  });

  it('a rejection gives the customer the agent\'s reason; hand back lets the bot answer again', async () => {
    const c = chat(bot, 'alice');
    await c.customer('The mug arrived cracked, order 400001, phone ending 2468').customer('1').customer('No').photo(pngPhoto(92)).customer('Yes').bot(/colleague needs to review/);
    const escalation = await openFor('alice');
    await people.actions.decide(escalation.id, WANG, { kind: 'reject', reason: 'The courier photo shows the box was opened after delivery.' }, 'd2');
    expect(people.channel.textsTo('alice')).to.match(/can't accept case RB-\d{8}-\d{4}: The courier photo shows/);
    expect(await bot.store.findCase(escalation.caseId!)).to.deep.include({ status: 'refused' });
    await c.customer('ok thanks').silent();
    await people.actions.handBack(escalation.id, WANG, 'h1');
    expect(people.channel.textsTo('alice')).to.match(/handed the conversation back to me/);
    await c.customer('where is my refund?').bot(/where your requests stand/, /refused/);
  });

  it('closing from the desk closes the case and asks the customer for a score', async () => {
    await chat(bot, 'chen').customer('大米生虫了,订单300001,尾号9999').customer('10袋').photo(pngPhoto(93)).customer('确认');
    const escalation = await openFor('chen');
    await people.actions.decide(escalation.id, WANG, { kind: 'approve', outcome: 'exchange' }, 'd3');
    await people.actions.close(escalation.id, WANG, 'c1');
    expect(people.channel.textsTo('chen')).to.match(/已完成.*满意/);
    expect(await bot.store.findCase(escalation.caseId!)).to.deep.include({ status: 'closed' });
    expect(await people.actions.reply(escalation.id, WANG, 'late', 'r9')).to.deep.include({ ok: false, problem: 'closed' });
  });

  it('desk down: the events wait in the store and are published in order once it is back', async () => {
    people.desk.down = true;
    const c = chat(bot, 'alice');
    await c.customer('I need a human').bot(/colleague/);
    await c.customer('hello? anyone?').bot(/.+/);
    await people.publisher.runOnce();
    expect(people.desk.events).to.deep.equal([]);
    people.desk.down = false;
    await people.publisher.runOnce();
    expect(people.desk.events).to.deep.equal([], 'a failed event is retried only after its retry delay');
    bot.clock.advanceDays(1 / 24 / 60);
    await people.publisher.runOnce();
    expect(people.desk.kinds()).to.deep.equal(['opened', 'customer_said']);
  });
});
