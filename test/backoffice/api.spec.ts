import { expect } from 'chai';
import { CASE_ID, KEYS, MemoryActions, call, startHarness, type Harness, type Reply } from './harness.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function fields(reply: Reply): string[] {
  expect(reply.status, JSON.stringify(reply.body)).to.equal(400);
  expect(reply.body.error).to.equal('invalid_body');
  return (reply.body.fields as { field: string; message: string }[]).map(problem => problem.field);
}

describe('back-office API', () => {
  let api: Harness;
  const send = (method: string, path: string, options: Parameters<typeof call>[3] = {}) => call(api.base, method, path, options);
  const parcel = (body: unknown, key: string = KEYS.courier, caseId = CASE_ID) => send('POST', `/parcels/${caseId}/events`, { key, body });

  beforeEach(async () => {
    api = await startHarness({
      actions: new MemoryActions({ [CASE_ID]: 'awaiting_parcel', 'RB-20261120-0002': 'parcel_received', 'RB-20261120-0003': 'inspection_passed' }),
      maxBodyBytes: 100_000,
      maxPhotos: 3,
      maxPhotoBytes: 1024,
    });
  });
  afterEach(() => api.stop());

  describe('keys and scopes', () => {
    it('no key → 401, with WWW-Authenticate, and the action never runs', async () => {
      const reply = await send('POST', `/parcels/${CASE_ID}/events`, { body: { eventId: 'e1', status: 'picked_up' } });
      expect(reply.status).to.equal(401);
      expect(reply.body).to.deep.equal({ error: 'unauthorized' });
      expect(reply.headers.get('www-authenticate')).to.match(/^Bearer/);
      expect(api.actions.calls).to.equal(0);
    });

    it('a wrong key, a key in another scheme, an empty Bearer → 401', async () => {
      expect((await parcel({ eventId: 'e1', status: 'picked_up' }, 'rbk_not-a-key')).status).to.equal(401);
      expect((await send('POST', `/parcels/${CASE_ID}/events`, { authorization: `Basic ${KEYS.courier}`, body: { eventId: 'e1', status: 'picked_up' } })).status).to.equal(401);
      expect((await send('POST', `/parcels/${CASE_ID}/events`, { authorization: 'Bearer ', body: { eventId: 'e1', status: 'picked_up' } })).status).to.equal(401);
      expect((await send('GET', `/cases/${CASE_ID}`, { key: `${KEYS.courier}x` })).status).to.equal(401);
      expect(api.actions.calls).to.equal(0);
    });

    it('an unknown case without a key is 401, not 404: nothing is told to strangers', async () => {
      expect((await send('GET', '/cases/RB-20990101-9999')).status).to.equal(401);
    });

    it('the scheme is case-insensitive', async () => {
      const reply = await send('POST', `/parcels/${CASE_ID}/events`, { authorization: `bearer ${KEYS.courier}`, body: { eventId: 'e1', status: 'picked_up' } });
      expect(reply.status).to.equal(200);
    });

    it('a courier key on the inspection → 403 naming the scope needed, before the body is even checked', async () => {
      const reply = await send('POST', `/cases/${CASE_ID}/inspection`, { key: KEYS.courier, body: { nonsense: true } });
      expect(reply.status).to.equal(403);
      expect(reply.body).to.deep.equal({ error: 'forbidden', scope: 'warehouse' });
      const [line] = api.logger.refusals();
      expect(line?.fields).to.include({ status: 403, keyId: 'courier-test', scope: 'courier', route: '/cases/:caseId/inspection', caseId: CASE_ID });
    });

    it('each route takes its own scope only', async () => {
      expect((await parcel({ eventId: 'e1', status: 'picked_up' }, KEYS.warehouse)).status).to.equal(403);
      expect((await parcel({ eventId: 'e1', status: 'picked_up' }, KEYS.operations)).status).to.equal(403);
      expect((await send('POST', '/cases/RB-20261120-0003/refund', { key: KEYS.warehouse, body: { eventId: 'r1', amountCents: 100, reference: 'x' } })).status).to.equal(403);
      expect((await send('POST', '/cases/RB-20261120-0003/replacement', { key: KEYS.operations, body: { eventId: 'p1', trackingNumber: 'SF1', carrier: 'SF' } })).status).to.equal(403);
      expect(api.actions.calls).to.equal(0);
    });

    it('a case lookup takes any scope', async () => {
      for (const key of Object.values(KEYS)) {
        const reply = await send('GET', `/cases/${CASE_ID}`, { key });
        expect(reply.status).to.equal(200);
        expect(reply.body.case).to.include({ id: CASE_ID, status: 'awaiting_parcel' });
        expect(reply.body.history).to.have.length(1);
        expect(reply.body.pendingTimers).to.deep.equal([]);
      }
    });

    it('couriers and the warehouse read the logistics of a case, not the customer or their words', async () => {
      for (const key of [KEYS.courier, KEYS.warehouse]) {
        const { body } = await send('GET', `/cases/${CASE_ID}`, { key });
        expect(body.case).to.include({ id: CASE_ID, orderId: '123456', returnRequired: true });
        expect(body.case).to.not.have.any.keys('description', 'customerId', 'userId', 'conversationId', 'photoIds', 'decision');
      }
      const { body } = await send('GET', `/cases/${CASE_ID}`, { key: KEYS.operations });
      expect(body.case).to.include({ description: 'mouldy', customerId: 'C001' });
    });

    it('one log line per refused request, never a key', async () => {
      await parcel({ eventId: 'e1', status: 'picked_up' }, 'rbk_wrong-secret-value');
      await send('POST', `/cases/${CASE_ID}/inspection`, { key: KEYS.courier, body: {} });
      await parcel({ status: 'nope' });
      await parcel({ eventId: 'e1', status: 'picked_up' });
      const refusals = api.logger.refusals();
      expect(refusals.map(line => line.fields.status)).to.deep.equal([401, 403, 400]);
      expect(refusals[2]?.fields.fields).to.deep.equal(['eventId', 'status']);
      const logged = JSON.stringify(api.logger.lines);
      for (const key of [...Object.values(KEYS), 'rbk_wrong-secret-value']) expect(logged).not.to.include(key);
      expect(logged).not.to.match(/authorization/i);
    });
  });

  describe('bodies', () => {
    it('missing eventId, unknown status, a field of another route, a bad date → 400 naming each field', async () => {
      expect(fields(await parcel({ status: 'picked_up' }))).to.deep.equal(['eventId']);
      expect(fields(await parcel({ eventId: 'e1', status: 'lost' }))).to.deep.equal(['status']);
      expect(fields(await parcel({ eventId: 'e1', status: 'in_transit', tracking_number: 'SF1' }))).to.deep.equal(['tracking_number']);
      expect(fields(await parcel({ eventId: 'e1', status: 'in_transit', at: 'yesterday' }))).to.deep.equal(['at']);
      expect(fields(await parcel({ eventId: 'has spaces', status: 7 }))).to.deep.equal(['eventId', 'status']);
      const missing = await parcel({ status: 'picked_up' });
      expect(missing.body.fields).to.deep.equal([{ field: 'eventId', message: 'required' }]);
      expect(api.actions.calls).to.equal(0);
    });

    it('a negative, a fractional, a text amount → 400 amountCents', async () => {
      for (const amountCents of [-100, 0, 12.5, '100']) {
        const reply = await send('POST', '/cases/RB-20261120-0003/refund', { key: KEYS.operations, body: { eventId: 'r1', amountCents, reference: 'PAY-1' } });
        expect(fields(reply), String(amountCents)).to.deep.equal(['amountCents']);
      }
    });

    it('inspection: a photo not in base64, too many or too large photos, failed without a reason → 400', async () => {
      const inspect = (body: unknown) => send('POST', '/cases/RB-20261120-0002/inspection', { key: KEYS.warehouse, body });
      expect(fields(await inspect({ eventId: 'i1', result: 'passed', photos: [{ name: 'a.png', contentBase64: 'not base64!' }] }))).to.deep.equal(['photos.0.contentBase64']);
      expect(fields(await inspect({ eventId: 'i1', result: 'passed', photos: [{ name: 'a.png', contentBase64: Buffer.alloc(1025).toString('base64') }] }))).to.deep.equal(['photos.0.contentBase64']);
      const photo = { name: 'a.png', contentBase64: PNG.toString('base64') };
      expect(fields(await inspect({ eventId: 'i1', result: 'passed', photos: [photo, photo, photo, photo] }))).to.deep.equal(['photos']);
      expect(fields(await inspect({ eventId: 'i1', result: 'passed', photos: [{ name: '../etc/passwd', contentBase64: photo.contentBase64 }] }))).to.deep.equal(['photos.0.name']);
      const failed = await inspect({ eventId: 'i1', result: 'failed' });
      expect(failed.body.fields).to.deep.equal([{ field: 'reason', message: 'required when result is "failed"' }]);
      expect(fields(await inspect({ eventId: 'i1', result: 'failed', reason: 'opened and used', disposition: 'restock' }))).to.deep.equal(['disposition']);
      expect(fields(await inspect({ eventId: 'i1', result: 'maybe' }))).to.deep.equal(['result']);
      expect(api.actions.calls).to.equal(0);
    });

    it('a passed inspection reaches the action with its photos decoded', async () => {
      const reply = await send('POST', '/cases/RB-20261120-0002/inspection', {
        key: KEYS.warehouse,
        body: { eventId: 'i1', result: 'passed', disposition: 'restock', photos: [{ name: '开箱.png', contentBase64: PNG.toString('base64') }] },
      });
      expect(reply.status).to.equal(200);
      expect(reply.body).to.deep.equal({ status: 'inspection_passed', duplicate: false });
      const [applied] = api.actions.applied;
      expect(applied).to.deep.include({ caseId: 'RB-20261120-0002', actor: 'warehouse', eventId: 'i1' });
      if (applied?.event.kind !== 'inspection') throw new Error('expected an inspection');
      expect(applied.event).to.include({ result: 'passed', disposition: 'restock' });
      expect(applied.event.photos).to.have.length(1);
      expect(applied.event.photos[0]?.name).to.equal('开箱.png');
      expect(Buffer.compare(applied.event.photos[0]!.data, PNG)).to.equal(0);
    });

    it('refund and replacement reach the action as events', async () => {
      const refund = await send('POST', '/cases/RB-20261120-0003/refund', { key: KEYS.operations, body: { eventId: 'r1', amountCents: 1999, reference: 'PAY-20261121-77' } });
      expect(refund.body).to.deep.equal({ status: 'refunded', duplicate: false });
      expect(api.actions.applied[0]).to.deep.equal({ caseId: 'RB-20261120-0003', actor: 'operations', eventId: 'r1', event: { kind: 'refund', amountCents: 1999, reference: 'PAY-20261121-77' } });
      const other = new MemoryActions({ 'RB-20261120-0004': 'inspection_passed' });
      await api.stop();
      api = await startHarness({ actions: other });
      const shipped = await send('POST', '/cases/RB-20261120-0004/replacement', { key: KEYS.warehouse, body: { eventId: 'x1', trackingNumber: 'SF1234567890', carrier: '顺丰' } });
      expect(shipped.body).to.deep.equal({ status: 'replacement_shipped', duplicate: false });
      expect(other.applied[0]?.event).to.deep.equal({ kind: 'replacement', trackingNumber: 'SF1234567890', carrier: '顺丰' });
    });

    it('bad JSON, an array, an empty body → 400', async () => {
      const broken = await parcel('{"eventId": "e1", "status": ');
      expect(broken.status).to.equal(400);
      expect(broken.body.error).to.equal('invalid_json');
      expect(fields(await parcel([{ eventId: 'e1' }]))).to.deep.equal(['(body)']);
      // An empty body reads as {}: every required field is named.
      expect(fields(await send('POST', `/parcels/${CASE_ID}/events`, { key: KEYS.courier }))).to.deep.equal(['eventId', 'status']);
    });

    it('a body without a JSON content type is read as JSON all the same (curl -d)', async () => {
      const response = await fetch(`${api.base}/parcels/${CASE_ID}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEYS.courier}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: JSON.stringify({ eventId: 'e1', status: 'picked_up' }),
      });
      expect(response.status).to.equal(200);
    });

    it('oversized bodies → 413: a tracking update over 64 KiB, an inspection over maxBodyBytes', async () => {
      const update = await parcel({ eventId: 'e1', status: 'in_transit', note: 'x'.repeat(70 * 1024) });
      expect(update.status).to.equal(413);
      expect(update.body.error).to.equal('too_large');
      const inspection = await send('POST', '/cases/RB-20261120-0002/inspection', {
        key: KEYS.warehouse,
        body: { eventId: 'i1', result: 'passed', photos: [{ name: 'big.png', contentBase64: Buffer.alloc(120_000).toString('base64') }] },
      });
      expect(inspection.status).to.equal(413);
      expect(api.actions.calls).to.equal(0);
      expect(api.logger.refusals().map(line => line.fields.status)).to.deep.equal([413, 413]);
      // The connection is still usable after a refused body.
      expect((await parcel({ eventId: 'e2', status: 'picked_up' })).status).to.equal(200);
    });
  });

  describe('cases and events', () => {
    it('an unknown case → 404, for updates and lookups', async () => {
      const update = await parcel({ eventId: 'e1', status: 'picked_up' }, KEYS.courier, 'RB-20990101-9999');
      expect(update.status).to.equal(404);
      expect(update.body.error).to.equal('not_found');
      expect((await send('GET', '/cases/RB-20990101-9999', { key: KEYS.operations })).status).to.equal(404);
      expect((await send('GET', `/cases/${encodeURIComponent('../../etc')}`, { key: KEYS.operations })).status).to.equal(404);
    });

    it('an unknown route → 404 in JSON', async () => {
      const reply = await send('POST', '/parcels', { key: KEYS.courier, body: {} });
      expect(reply.status).to.equal(404);
      expect(reply.body.error).to.equal('not_found');
    });

    it('a step the case cannot take → 409 with the detail', async () => {
      const reply = await send('POST', `/cases/${CASE_ID}/refund`, { key: KEYS.operations, body: { eventId: 'r1', amountCents: 100, reference: 'PAY-1' } });
      expect(reply.status).to.equal(409);
      expect(reply.body).to.deep.equal({ error: 'illegal_transition', detail: 'awaiting_parcel → refunded' });
    });

    it('an event the bot refuses on its merits → 422', async () => {
      const reply = await send('POST', '/cases/RB-20261120-0003/refund', { key: KEYS.operations, body: { eventId: 'r1', amountCents: 5_000_000, reference: 'PAY-1' } });
      expect(reply.status).to.equal(422);
      expect(reply.body).to.deep.equal({ error: 'invalid_event', detail: 'more than the order was worth' });
    });

    it('the same eventId twice: the second is acknowledged as a duplicate, applied once', async () => {
      const event = { eventId: 'SF-scan-0001', status: 'picked_up', trackingNumber: 'SF1234567890' };
      const first = await parcel(event);
      const second = await parcel(event);
      expect(first.body).to.deep.equal({ status: 'parcel_in_transit', duplicate: false });
      expect(second.status).to.equal(200);
      expect(second.body).to.deep.equal({ status: 'parcel_in_transit', duplicate: true });
      expect(api.actions.calls).to.equal(2);
      expect(api.actions.applied).to.have.length(1);
      expect(api.actions.applied[0]).to.deep.include({ actor: 'courier', eventId: 'SF-scan-0001' });
      expect(api.actions.applied[0]?.event).to.include({ kind: 'parcel', status: 'picked_up', trackingNumber: 'SF1234567890' });
    });

    it('the parcel journey: picked up, exception, delivered', async () => {
      expect((await parcel({ eventId: 'e1', status: 'picked_up', at: '2026-11-21T09:00:00+08:00' })).body.status).to.equal('parcel_in_transit');
      expect((await parcel({ eventId: 'e2', status: 'exception', note: '地址不详' })).body.status).to.equal('parcel_in_transit');
      expect((await parcel({ eventId: 'e3', status: 'delivered' })).body.status).to.equal('parcel_received');
      expect(api.actions.status(CASE_ID)).to.equal('parcel_received');
    });

    it('an action that throws → 500 {error: internal} and one error line', async () => {
      api.actions.apply = async () => {
        throw new Error('database is locked');
      };
      const reply = await parcel({ eventId: 'e1', status: 'picked_up' });
      expect(reply.status).to.equal(500);
      expect(reply.body).to.deep.equal({ error: 'internal' });
      const errors = api.logger.lines.filter(line => line.level === 'error');
      expect(errors).to.have.length(1);
      expect(errors[0]?.fields).to.include({ status: 500, error: 'database is locked', eventId: 'e1', keyId: 'courier-test' });
    });
  });

  describe('openapi.json', () => {
    it('is served without a key, generated from the schemas the routes check with', async () => {
      const reply = await send('GET', '/openapi.json');
      expect(reply.status).to.equal(200);
      const document = reply.body as {
        openapi: string;
        servers: { url: string }[];
        paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown; responses: Record<string, unknown> }>>;
        components: { securitySchemes: Record<string, unknown>; schemas: Record<string, { properties?: Record<string, Record<string, unknown>>; required?: string[]; oneOf?: { required: string[]; properties: Record<string, unknown> }[] }> };
      };
      expect(document.openapi).to.equal('3.1.0');
      expect(document.servers).to.deep.equal([{ url: '/api/v1' }]);
      expect(Object.keys(document.paths)).to.include.members(['/parcels/{caseId}/events', '/cases/{caseId}/inspection', '/cases/{caseId}/refund', '/cases/{caseId}/replacement', '/cases/{caseId}']);
      expect(document.paths['/cases/{caseId}/refund']?.post?.responses).to.have.keys('200', '400', '401', '403', '404', '409', '413', '422');
      expect(document.components.securitySchemes.bearer).to.deep.include({ type: 'http', scheme: 'bearer' });

      const { ParcelEvent, Refund, InspectionReport, Photo } = document.components.schemas;
      expect(ParcelEvent?.required).to.deep.equal(['eventId', 'status']);
      expect(ParcelEvent?.properties?.status?.enum).to.deep.equal(['picked_up', 'in_transit', 'exception', 'delivered']);
      expect(Refund?.properties?.amountCents).to.include({ type: 'integer', minimum: 1 });
      expect(InspectionReport?.oneOf?.find(option => option.required.includes('reason'))?.properties).to.have.property('result');
      expect(Photo?.properties?.contentBase64).to.include({ contentEncoding: 'base64', maxLength: 1368 });
      expect(JSON.stringify(document)).not.to.include('$schema');
    });
  });
});
