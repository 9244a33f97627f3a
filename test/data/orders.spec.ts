import { expect } from 'chai';
import { seedDemoData } from '../../data/demo/seed.js';
import { AT, openTempStore, type TempStore } from './fixtures.js';

describe('SqliteStore orders, customers and products', () => {
  let temp: TempStore;
  beforeEach(async () => {
    temp = await openTempStore();
    await seedDemoData(temp.store, new Date(AT));
  });
  afterEach(async () => { await temp.dispose(); });

  it('finds an order with its lines, products, batches and suppliers in line order', async () => {
    const order = await temp.store.findOrder('500001');
    expect(order).to.deep.include({ id: '500001', customerId: 'C005', phone: '0912340011' });
    expect(order!.lines).to.deep.equal([
      {
        line: 1, sku: 'LAMP-LED', quantity: 1, unitPriceCents: 89900, batchId: 'B-LAMP-2608', supplierId: 'S03',
        product: {
          sku: 'LAMP-LED', category: 'goods',
          names: { 'zh-Hans': '护眼台灯', 'zh-Hant': '護眼檯燈', en: 'LED desk lamp' },
          aliases: ['台灯', '檯燈', '枱燈', '灯', 'lamp'],
        },
      },
      {
        line: 2, sku: 'BEANS-1KG', quantity: 1, unitPriceCents: 1800, batchId: 'B-BEAN-2610', supplierId: 'S01',
        product: {
          sku: 'BEANS-1KG', category: 'food',
          names: { 'zh-Hans': '红豆 1kg', 'zh-Hant': '紅豆 1kg', en: 'Red beans 1kg' },
          aliases: ['红豆', '紅豆', 'beans', 'red beans'],
        },
      },
    ]);
  });

  it('keeps a line whose batch is unknown, with null batch and supplier', async () => {
    temp.store.db.prepare("UPDATE order_lines SET batch_id = NULL WHERE order_id = '123457'").run();
    const order = await temp.store.findOrder('123457');
    expect(order!.lines[0]).to.include({ sku: 'KETTLE-17', batchId: null, supplierId: null });
  });

  it('answers null for an unknown order or customer', async () => {
    expect(await temp.store.findOrder('999999')).to.equal(null);
    expect(await temp.store.findCustomer('C999')).to.equal(null);
  });

  it('finds a customer and lists every product', async () => {
    expect(await temp.store.findCustomer('C002')).to.deep.equal({ id: 'C002', name: '李明', phone: '13900131234', tier: 'member' });
    const products = await temp.store.listProducts();
    expect(products.map((p) => p.sku)).to.have.members([
      'MILLET-500', 'RICE-5KG', 'MUSHROOM-250', 'BEANS-1KG', 'MUG-350', 'LAMP-LED', 'KETTLE-17',
    ]);
  });
});
