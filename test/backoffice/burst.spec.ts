import { expect } from 'chai';
import { CASE_ID, KEYS, MemoryActions, call, startHarness, type Harness } from './harness.js';

describe('back-office API under a burst of tracking updates', () => {
  let api: Harness;
  beforeEach(async () => {
    api = await startHarness({ actions: new MemoryActions({ [CASE_ID]: 'parcel_in_transit' }) });
  });
  afterEach(() => api.stop());

  it('1,000 updates, 50 at a time on 127.0.0.1: all 200, 1,000 distinct events applied, nothing lost', async () => {
    const total = 1000;
    const concurrency = 50;
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const n = next++;
        const reply = await call(api.base, 'POST', `/parcels/${CASE_ID}/events`, {
          key: KEYS.courier,
          body: { eventId: `SF1234567890-scan-${n}`, status: 'in_transit', trackingNumber: 'SF1234567890', note: `hub ${n}` },
        });
        statuses[n] = reply.status;
        expect(reply.body).to.deep.equal({ status: 'parcel_in_transit', duplicate: false });
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = Date.now() - started;

    expect(statuses.filter(status => status === 200)).to.have.length(total);
    expect(api.actions.calls).to.equal(total);
    expect(api.actions.applied).to.have.length(total);
    expect(new Set(api.actions.applied.map(applied => applied.eventId)).size).to.equal(total);
    const notes = new Set(api.actions.applied.map(applied => (applied.event.kind === 'parcel' ? applied.event.note : undefined)));
    for (let n = 0; n < total; n++) expect(notes.has(`hub ${n}`), `update ${n}`).to.equal(true);
    expect(api.logger.refusals()).to.deep.equal([]);
    expect(elapsed).to.be.below(20_000);
  });
});
