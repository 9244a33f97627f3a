import { expect } from 'chai';
import type { AlertDraft } from '../../bot/operations/alert-store.js';
import type { SqliteAlertStore } from '../../data/sqlite/alert-store.js';
import { emptyAlertStore } from './alert-support.js';

const T0 = '2026-11-20T02:00:00.000Z';
const T1 = '2026-11-20T03:00:00.000Z';
const T2 = '2026-11-20T04:00:00.000Z';
const EARLY = '2026-11-20T00:00:00.000Z';

const draft = (key: string): AlertDraft => ({
  key,
  kind: 'batch',
  message: `${key} up`,
  details: { subject: key.slice('batch:'.length), since: '2026-11-11', windowDays: 7, observed: 20, expected: 5 },
});
const none = { raise: [], seen: [], refresh: [], clear: [] };

describe('SqliteAlertStore', () => {
  let alerts: SqliteAlertStore, dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ alerts, dispose } = await emptyAlertStore());
  });

  afterEach(() => dispose());

  it('keeps one open alert per key: raising an open key again does nothing, raising it after its clear opens a new one', async () => {
    const { raised: [first] } = await alerts.apply({ ...none, raise: [draft('batch:A')] }, T0);
    expect((await alerts.apply({ ...none, raise: [draft('batch:A')] }, T1)).raised).to.deep.equal([]);
    await alerts.apply({ ...none, clear: [first!.id] }, T1);
    const { raised: [second] } = await alerts.apply({ ...none, raise: [draft('batch:A')] }, T2);
    expect(second!.id).to.not.equal(first!.id);
    expect((await alerts.open()).map(a => a.id)).to.deep.equal([second!.id]);
  });

  it('publishes the latest state: a clear that lands while the raise is being posted is still published afterwards', async () => {
    const { raised: [alert] } = await alerts.apply({ ...none, raise: [draft('batch:A')] }, T0);
    const [claimed] = await alerts.claimUnpublished(T0, EARLY, 10);
    expect(claimed!.alert.clearedAt).to.equal(null);
    expect(await alerts.claimUnpublished(T0, EARLY, 10), 'claimed: not offered twice').to.deep.equal([]);

    await alerts.apply({ ...none, clear: [alert!.id] }, T1); // while the raise is being posted
    await alerts.markPublished(claimed!, T1);

    const [again] = await alerts.claimUnpublished(T2, EARLY, 10);
    expect(again!.alert.clearedAt).to.equal(T1);
    await alerts.markPublished(again!, T2);
    expect(await alerts.claimUnpublished(T2, T2, 10)).to.deep.equal([]);
  });

  it('offers a claimed alert again once its claim is older than the retry time', async () => {
    await alerts.apply({ ...none, raise: [draft('batch:A')] }, T0);
    await alerts.claimUnpublished(T0, EARLY, 10);
    expect(await alerts.claimUnpublished(T1, T0, 10)).to.deep.equal([]);
    expect((await alerts.claimUnpublished(T2, T1, 10)).map(c => c.alert.key)).to.deep.equal(['batch:A']);
  });
});
