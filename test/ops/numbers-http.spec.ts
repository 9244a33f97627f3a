import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { BAD_BATCH } from '../../data/demo/history.js';
import { pngPhoto } from '../support/images.js';
import { opsHeaders, signIn, startOpsBot, type OpsBot } from '../support/ops-bot.js';

describe('Numbers over HTTP: /ops/api/dashboard, /cases, /cases.csv, /cases/:id', () => {
  let ops: OpsBot;
  let cookie: string;
  const get = (path: string, session: string | null = cookie) => fetch(`${ops.url}/ops/api/${path}`, { headers: session ? opsHeaders(session) : {} });
  const json = async (path: string) => {
    const response = await get(path);
    expect(response.status, `${path}: ${response.status}`).to.equal(200);
    return (await response.json()) as Record<string, any>;
  };

  before(async () => {
    ops = await startOpsBot();
    cookie = await signIn(ops, 'victor');
  });
  after(async () => {
    await ops.close();
  });

  it('answers nothing without a session', async () => {
    for (const path of ['dashboard', 'cases', 'cases.csv', 'cases/RB-1', 'cases/RB-1/photos/x']) {
      expect((await get(path, null)).status, path).to.equal(401);
    }
  });

  it('shows a viewer the dashboard of the demo history, the bad batch on top over two weeks', async () => {
    const dashboard = await json('dashboard?from=2026-11-07&to=2026-11-20');
    expect(dashboard['period']).to.include({ firstDay: '2026-11-07', lastDay: '2026-11-20' });
    expect(dashboard['returnRates'][0].batchId).to.equal(BAD_BATCH);
    expect(dashboard['totals'].cases).to.be.greaterThan(30);
    const narrowed = await json(`dashboard?batch=${BAD_BATCH}`);
    expect(narrowed['counts'].batch.map((c: { key: string }) => c.key)).to.deep.equal([BAD_BATCH]);
  });

  it('refuses bad queries with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['dashboard?from=2026-02-30&to=2026-03-05', 'from'],
      ['dashboard?from=2026-11-01&to=yesterday', 'to'],
      ['dashboard?from=2026-11-10&to=2026-11-01', 'to'],
      ['dashboard?from=2026-11-01', 'to'],
      ['dashboard?reason=bored', 'reason'],
      ['cases?page=0', 'page'],
      ['cases?pageSize=5000', 'pageSize'],
      ['cases.csv?lang=fr', 'lang'],
      ['cases?batch=a&batch=b', 'batch'],
    ];
    for (const [path, field] of cases) {
      const response = await get(path);
      expect(response.status, path).to.equal(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code, path).to.equal('bad_query');
      expect(body.error.message.startsWith(`${field}:`), `${path}: ${body.error.message}`).to.equal(true);
    }
  });

  it('accepts ISO instants for the period', async () => {
    const dashboard = await json(`dashboard?from=${encodeURIComponent('2026-11-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-11-08T00:00:00+08:00')}`);
    expect(dashboard['period']).to.include({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-07T16:00:00.000Z' });
  });

  it('lists cases by page and exports them as a CSV attachment named by its period', async () => {
    const page = await json(`cases?batch=${BAD_BATCH}&page=1&pageSize=5`);
    expect(page['rows']).to.have.length(5);
    expect(page['total']).to.be.greaterThan(5);
    const response = await get(`cases.csv?from=2026-11-01&to=2026-11-19&batch=${BAD_BATCH}&lang=zh-Hans`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).to.equal('attachment; filename="returnbot-cases-2026-11-01_2026-11-19.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).to.include('工单号');
  });

  it('opens a case, answers 404 JSON for an unknown one, and serves only the case’s own photos', async () => {
    const { rows } = await json('cases?pageSize=2');
    const [a, b] = rows as { id: string }[];
    const detail = await json(`cases/${a!.id}`);
    expect(detail['case'].id).to.equal(a!.id);
    expect(detail['decision'].rules.length).to.be.greaterThan(0);

    const unknown = await get('cases/RB-20200101-0001');
    expect(unknown.status).to.equal(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).to.equal('not_found');

    const data = pngPhoto(11);
    const photoId = createHash('sha256').update(data).digest('hex');
    const { store } = ops.bot;
    const conversationId = (await store.findCase(a!.id))!.conversationId;
    await store.savePhoto({ id: photoId, mime: 'image/png', bytes: data.length, conversationId, createdAt: new Date().toISOString() }, data);
    ops.bot.store.db.prepare('UPDATE cases SET photo_ids_json = ? WHERE id = ?').run(JSON.stringify([photoId]), a!.id);

    const own = await get(`cases/${a!.id}/photos/${photoId}`);
    expect(own.status).to.equal(200);
    expect(own.headers.get('content-type')).to.equal('image/png');
    expect(own.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(Buffer.from(await own.arrayBuffer()).equals(data)).to.equal(true);
    expect((await get(`cases/${b!.id}/photos/${photoId}`)).status).to.equal(404);
    expect((await get(`cases/${a!.id}/photos/..%2F..%2Fetc`)).status).to.equal(404);
  });
});
