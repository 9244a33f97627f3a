import { expect } from 'chai';
import { pngPhoto } from '../support/images.js';
import { opsHeaders, signIn, startOpsBot, type OpsBot } from '../support/ops-bot.js';
import { chat } from '../support/transcript.js';
import { mouldyMilletCrisis, openMilletOverHttp } from './crisis-support.js';

describe('/ops/api/crises', () => {
  let ops: OpsBot;
  let operator: string;
  let viewer: string;

  before(async () => {
    ops = await startOpsBot();
    operator = await signIn(ops, 'olivia');
    viewer = await signIn(ops, 'victor');
  });
  after(async () => ops.close());

  async function call(cookie: string | null, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers = cookie === null ? { 'x-requested-with': 'returnbot-ops' } : opsHeaders(cookie);
    const response = await fetch(`${ops.url}/ops/api/crises${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  const openMillet = () => openMilletOverHttp(ops, operator);

  it('answers nothing without a session', async () => {
    for (const [method, path] of [['GET', ''], ['GET', '/audience?kind=batch&value=B-MIL-2611'], ['POST', ''], ['POST', '/CR-1/notify'], ['POST', '/CR-1/close']] as const) {
      expect((await call(null, method, path, method === 'POST' ? mouldyMilletCrisis() : undefined)).status, `${method} ${path}`).to.equal(401);
    }
  });

  it('lets a viewer see crises, scopes and audiences, but not open, notify or close one (403)', async () => {
    const scopes = await call(viewer, 'GET', '/scopes');
    expect(scopes.body.batches.map((batch: { id: string }) => batch.id)).to.include('B-MIL-2611');
    expect(scopes.body.products.map((product: { sku: string }) => product.sku)).to.include('MILLET-500');
    expect(scopes.body.suppliers.map((supplier: { id: string }) => supplier.id)).to.include('S01');
    const audience = await call(viewer, 'GET', '/audience?kind=batch&value=B-MIL-2611');
    expect(audience.status).to.equal(200);
    expect(audience.body.count).to.be.above(0);

    const refused = await call(viewer, 'POST', '', mouldyMilletCrisis());
    expect([refused.status, refused.body.error.code]).to.deep.equal([403, 'forbidden']);
    expect((await call(viewer, 'GET', '')).body.crises).to.deep.equal([]);

    const id = await openMillet();
    for (const action of ['notify', 'close']) {
      const response = await call(viewer, 'POST', `/${id}/${action}`);
      expect(response.status, action).to.equal(403);
    }
    const [listed] = (await call(viewer, 'GET', '')).body.crises;
    expect(listed).to.deep.include({ id, open: true });
    expect(listed.progress.notices.total).to.equal(0);
    expect((await call(operator, 'POST', `/${id}/close`)).status).to.equal(200);
  });

  it('refuses a bad body (400, naming the fields), an unknown scope (400), a second crisis (409), an unknown one (404)', async () => {
    const bad = await call(operator, 'POST', '', mouldyMilletCrisis({ preset: { outcome: 'gift', returnRequired: false, compensation: null }, notice: { en: '' } }));
    expect(bad.status).to.equal(400);
    expect(bad.body.error.code).to.equal('invalid_body');
    expect(bad.body.error.message).to.contain('preset.outcome').and.to.contain('notice.zh-Hans').and.to.contain('notice.en: is required');
    expect(bad.body.error.fields.map((field: { field: string }) => field.field)).to.include.members(['preset.outcome', 'notice.zh-Hant']);

    const unknown = await call(operator, 'POST', '', mouldyMilletCrisis({ scope: { kind: 'batch', value: 'B-NOPE' } }));
    expect([unknown.status, unknown.body.error.code]).to.deep.equal([400, 'unknown_scope']);
    expect((await call(viewer, 'GET', '/audience?kind=supplier&value=S99')).status).to.equal(400);
    expect((await call(viewer, 'GET', '/audience?kind=shelf&value=1')).body.error.message).to.match(/^kind: /);

    const id = await openMillet();
    const twice = await call(operator, 'POST', '', mouldyMilletCrisis());
    expect([twice.status, twice.body.error.code]).to.deep.equal([409, 'crisis_already_open']);
    expect((await call(operator, 'POST', '/CR-nope/close')).status).to.equal(404);
    expect((await call(operator, 'POST', '/CR-nope/notify')).status).to.equal(404);
    expect((await call(operator, 'POST', `/${id}/close`)).status).to.equal(200);
    const again = await call(operator, 'POST', `/${id}/close`);
    expect([again.status, again.body.error.code]).to.deep.equal([409, 'crisis_closed']);
  });

  it('an operator opens a crisis: a new web chat request about the batch gets the preset; notifying counts first; closing restores the rules', async () => {
    const before = (await call(operator, 'GET', '/audience?kind=batch&value=B-MIL-2611')).body.count as number;
    const id = await openMillet();

    await chat(ops.bot, 'web-visitor-1', 'web')
      .customer('我昨天收到的小米有发霉的,订单号是123456,尾号5678').bot(/几件/)
      .customer('2').bot(/请核对/).botNot(/拍照/)
      .customer('确认').bot(/关于小米批次 B-MIL-2611/, /为您退款 ¥51\.60/, /¥10\.00 的优惠券/)
      .caseIs({ status: 'approved', decision: { reasons: ['crisis.preset'], crisisId: id } });

    // The customer who just proved order 123456 is in the audience now.
    const listed = (await call(operator, 'GET', '')).body.crises.find((crisis: { id: string }) => crisis.id === id);
    expect(listed.audience).to.equal(before + 1);
    expect(listed.progress).to.deep.include({ requests: 1, units: 2, refundCents: 5160 });

    const notified = await call(operator, 'POST', `/${id}/notify`);
    expect(notified.body).to.deep.equal({ audience: before + 1, queued: before + 1 });
    expect((await call(operator, 'POST', `/${id}/notify`)).body).to.deep.equal({ audience: before + 1, queued: 0 });

    expect((await call(operator, 'POST', `/${id}/close`)).body.crisis).to.deep.include({ id, closedBy: 'olivia' });
    await chat(ops.bot, 'web-visitor-2', 'web')
      .customer('我昨天收到的小米有发霉的,订单号是123456,尾号5678').bot(/几件/)
      .customer('1').bot(/拍照/)
      .photo(pngPhoto(80)).bot(/请核对/)
      .customer('确认').botNot(/B-MIL-2611/).bot(/质量问题包退换/);
  });
});
