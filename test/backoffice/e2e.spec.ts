import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { addKey } from '../../adapters/backoffice/keys.js';
import { startReturnbot, type RunningBot } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { pngPhoto } from '../support/images.js';

/** The whole bot on loopback: a customer files a return on the web channel's engine, the systems report over HTTP. */
describe('back-office API against the real bot: from chat to refund with no person typing', function () {
  this.timeout(30_000);
  let dataDir: string;
  let bot: RunningBot;
  const keys: Record<string, string> = {};

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'returnbot-backoffice-'));
    const keysFile = join(dataDir, 'keys.json');
    for (const scope of ['courier', 'warehouse', 'operations'] as const) keys[scope] = addKey(keysFile, scope).key;
    bot = await startReturnbot(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', BACKOFFICE_KEYS_FILE: keysFile }, 'test settings'));
  });
  afterEach(async () => {
    await bot.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const say = (text: string, attachments: { kind: 'image'; name: string; data: Buffer }[] = []) =>
    bot.engine.handle({ channel: 'web', userId: 'shopper', messageId: `m-${text}-${attachments.length}-${Math.random()}`, text, attachments });
  const post = (path: string, scope: string, body: unknown) =>
    fetch(`${bot.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${keys[scope]}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('parcel, inspection and refund reported over HTTP move the case and reach the customer\'s conversation', async () => {
    await say('订单123456的杯子坏了,不能用,尾号5678');
    await say('', [{ kind: 'image', name: 'mug.png', data: pngPhoto(400) }]);
    await say('确认');
    await say('退款');
    const [record] = await bot.store.casesOfConversation('web:shopper');
    const caseId = record!.id;
    expect((await post(`/parcels/${caseId}/events`, 'courier', { eventId: 'sf-1', status: 'delivered', trackingNumber: 'SF1' })).status).to.equal(200);
    expect((await post(`/parcels/${caseId}/events`, 'courier', { eventId: 'sf-1', status: 'delivered', trackingNumber: 'SF1' })).status).to.equal(200);
    expect((await post(`/cases/${caseId}/inspection`, 'courier', { eventId: 'x', result: 'passed' })).status).to.equal(403);
    expect(await (await post(`/cases/${caseId}/inspection`, 'warehouse', { eventId: 'wh-1', result: 'passed', disposition: 'restock' })).json()).to.deep.equal({ status: 'inspection_passed', duplicate: false });
    expect((await post(`/cases/${caseId}/replacement`, 'warehouse', { eventId: 'wh-2', trackingNumber: 'YT1', carrier: 'YTO' })).status).to.equal(409);
    expect(await (await post(`/cases/${caseId}/refund`, 'operations', { eventId: 'pay-1', amountCents: 3900, reference: 'PAY-1' })).json()).to.deep.equal({ status: 'closed', duplicate: false });
    const detail = await (await fetch(`${bot.url}/api/v1/cases/${caseId}`, { headers: { authorization: `Bearer ${keys.courier}` } })).json() as { history: { to: string }[] };
    expect(detail.history.map(event => event.to)).to.deep.equal(['approved', 'awaiting_parcel', 'parcel_received', 'inspection_passed', 'refunded', 'closed']);
    const told = (await bot.store.messages('web:shopper', 0, 100)).filter(message => message.direction === 'out').map(message => message.text).join('\n');
    expect(told).to.match(/退货包裹我们已经收到/).and.match(/检验通过/).and.match(/退款 ¥39\.00 已处理/).and.match(/满意/);
    expect(told.match(/退货包裹我们已经收到/g)).to.have.length(1);
  });
});
