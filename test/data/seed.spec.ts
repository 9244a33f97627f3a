import { expect } from 'chai';
import { DEMO_DATA } from '../../data/demo/demo-data.js';
import { seedDemoData } from '../../data/demo/seed.js';
import { openTempStore, type TempStore } from './fixtures.js';

describe('seedDemoData', () => {
  let temp: TempStore;
  beforeEach(async () => { temp = await openTempStore(); });
  afterEach(async () => { await temp.dispose(); });

  const count = (table: string) => temp.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

  it('fills an empty store once', async () => {
    const now = new Date('2026-11-22T04:00:00.000Z');
    expect(await seedDemoData(temp.store, now)).to.equal(true);
    expect(await seedDemoData(temp.store, new Date('2026-12-01T00:00:00.000Z'))).to.equal(false);
    expect([count('suppliers'), count('products'), count('batches'), count('customers'), count('orders'), count('order_lines')])
      .to.deep.equal([4, 7, 8, 5, 10, 15]);
    expect((await temp.store.findOrder('123456'))!.deliveredAt).to.equal('2026-11-21T02:00:00.000Z');
  });

  it('dates deliveries at 10:00 Shanghai time N Shanghai days before now', async () => {
    // 01:30 on 22 November in Shanghai, still the 21st in UTC.
    const now = new Date('2026-11-21T17:30:00.000Z');
    await seedDemoData(temp.store, now);
    const dates = async (id: string) => {
      const order = (await temp.store.findOrder(id))!;
      return [order.placedAt, order.deliveredAt];
    };
    expect(await dates('123456')).to.deep.equal(['2026-11-19T02:00:00.000Z', '2026-11-21T02:00:00.000Z']);
    expect(await dates('123457')).to.deep.equal(['2026-11-10T02:00:00.000Z', '2026-11-12T02:00:00.000Z']);
    expect(await dates('400002')).to.deep.equal(['2026-11-16T02:00:00.000Z', '2026-11-18T02:00:00.000Z']);
    expect(await dates('600001')).to.deep.equal([now.toISOString(), null]);
  });

  it('gives each order its customer\'s phone and the listed lines', async () => {
    await seedDemoData(temp.store, new Date('2026-11-22T04:00:00.000Z'));
    for (const demo of DEMO_DATA.orders) {
      const order = (await temp.store.findOrder(demo.id))!;
      const customer = (await temp.store.findCustomer(demo.customerId))!;
      expect(order.phone, demo.id).to.equal(customer.phone);
      expect(order.lines.map((l) => [l.sku, l.quantity, l.unitPriceCents, l.batchId]), demo.id)
        .to.deep.equal(demo.lines.map((l) => [l.sku, l.quantity, l.unitPriceCents, l.batchId]));
    }
    expect(await temp.store.findCustomer('C003')).to.deep.equal({ id: 'C003', name: '陈记餐饮', phone: '13700139999', tier: 'wholesale' });
  });
});
