/**
 * The demo shop: a few customers, products and orders that exercise every rule. Tests and the
 * demo scripts rely on these exact values. Prices are in cents; dates are relative to "now"
 * (see `seed.ts`), so the demo never ages out of the return window.
 */
import type { Customer, Product } from '../../bot/records.js';

export interface DemoSupplier {
  id: string;
  name: string;
  nameEn: string;
}

export interface DemoBatch {
  id: string;
  sku: string;
  supplierId: string;
}

export interface DemoOrder {
  id: string;
  customerId: string;
  /** Delivered this many days ago at 10:00 shop time; null: not delivered, placed "now". */
  deliveredDaysAgo: number | null;
  lines: { sku: string; quantity: number; unitPriceCents: number; batchId: string }[];
}

export interface DemoData {
  suppliers: DemoSupplier[];
  products: Product[];
  batches: DemoBatch[];
  customers: Customer[];
  orders: DemoOrder[];
}

export const DEMO_DATA: DemoData = {
  suppliers: [
    { id: 'S01', name: '禾丰农场', nameEn: 'Hefeng Farm' },
    { id: 'S02', name: '山野粮仓', nameEn: 'Shanye Granary' },
    { id: 'S03', name: '明亮家居', nameEn: 'Bright Home' },
    { id: 'S04', name: '好物陶瓷', nameEn: 'Haowu Ceramics' },
  ],
  products: [
    {
      sku: 'MILLET-500',
      category: 'food',
      names: { 'zh-Hans': '小米 500g', 'zh-Hant': '小米 500g', en: 'Millet 500g' },
      aliases: ['小米', '黄小米', 'millet'],
    },
    {
      sku: 'RICE-5KG',
      category: 'food',
      names: { 'zh-Hans': '东北大米 5kg', 'zh-Hant': '東北大米 5kg', en: 'Northeast rice 5kg' },
      aliases: ['大米', '米', 'rice'],
    },
    {
      sku: 'MUSHROOM-250',
      category: 'food',
      names: { 'zh-Hans': '干香菇 250g', 'zh-Hant': '乾香菇 250g', en: 'Dried shiitake 250g' },
      aliases: ['香菇', '蘑菇', 'shiitake', 'mushroom', 'mushrooms'],
    },
    {
      sku: 'BEANS-1KG',
      category: 'food',
      names: { 'zh-Hans': '红豆 1kg', 'zh-Hant': '紅豆 1kg', en: 'Red beans 1kg' },
      aliases: ['红豆', '紅豆', 'beans', 'red beans'],
    },
    {
      sku: 'MUG-350',
      category: 'goods',
      names: { 'zh-Hans': '陶瓷马克杯', 'zh-Hant': '陶瓷馬克杯', en: 'Ceramic mug' },
      aliases: ['马克杯', '杯子', '馬克杯', '杯', 'mug', 'cup'],
    },
    {
      sku: 'LAMP-LED',
      category: 'goods',
      names: { 'zh-Hans': '护眼台灯', 'zh-Hant': '護眼檯燈', en: 'LED desk lamp' },
      aliases: ['台灯', '檯燈', '枱燈', '灯', 'lamp'],
    },
    {
      sku: 'KETTLE-17',
      category: 'goods',
      names: { 'zh-Hans': '电热水壶', 'zh-Hant': '電熱水壺', en: 'Electric kettle' },
      aliases: ['水壶', '水壺', '热水壶', 'kettle'],
    },
  ],
  batches: [
    { id: 'B-MIL-2610', sku: 'MILLET-500', supplierId: 'S01' },
    { id: 'B-MIL-2611', sku: 'MILLET-500', supplierId: 'S01' },
    { id: 'B-RICE-2610', sku: 'RICE-5KG', supplierId: 'S02' },
    { id: 'B-MUSH-2611', sku: 'MUSHROOM-250', supplierId: 'S02' },
    { id: 'B-BEAN-2610', sku: 'BEANS-1KG', supplierId: 'S01' },
    { id: 'B-MUG-2609', sku: 'MUG-350', supplierId: 'S04' },
    { id: 'B-LAMP-2608', sku: 'LAMP-LED', supplierId: 'S03' },
    { id: 'B-KET-2609', sku: 'KETTLE-17', supplierId: 'S03' },
  ],
  customers: [
    { id: 'C001', name: '王芳', phone: '13800135678', tier: 'regular' },
    { id: 'C002', name: '李明', phone: '13900131234', tier: 'member' },
    { id: 'C003', name: '陈记餐饮', phone: '13700139999', tier: 'wholesale' },
    { id: 'C004', name: 'Alice Wong', phone: '13600132468', tier: 'regular' },
    { id: 'C005', name: '林美玲', phone: '0912340011', tier: 'regular' },
  ],
  orders: [
    {
      id: '123456',
      customerId: 'C001',
      deliveredDaysAgo: 1,
      lines: [
        { sku: 'MILLET-500', quantity: 2, unitPriceCents: 2580, batchId: 'B-MIL-2611' },
        { sku: 'RICE-5KG', quantity: 1, unitPriceCents: 5990, batchId: 'B-RICE-2610' },
        { sku: 'MUG-350', quantity: 1, unitPriceCents: 3900, batchId: 'B-MUG-2609' },
      ],
    },
    {
      id: '123457',
      customerId: 'C001',
      deliveredDaysAgo: 10,
      lines: [{ sku: 'KETTLE-17', quantity: 1, unitPriceCents: 19900, batchId: 'B-KET-2609' }],
    },
    {
      id: '123458',
      customerId: 'C001',
      deliveredDaysAgo: 2,
      lines: [{ sku: 'MUSHROOM-250', quantity: 1, unitPriceCents: 4500, batchId: 'B-MUSH-2611' }],
    },
    {
      id: '200001',
      customerId: 'C002',
      deliveredDaysAgo: 2,
      lines: [
        { sku: 'LAMP-LED', quantity: 1, unitPriceCents: 89900, batchId: 'B-LAMP-2608' },
        { sku: 'KETTLE-17', quantity: 1, unitPriceCents: 19900, batchId: 'B-KET-2609' },
      ],
    },
    {
      id: '300001',
      customerId: 'C003',
      deliveredDaysAgo: 1,
      lines: [{ sku: 'RICE-5KG', quantity: 40, unitPriceCents: 5990, batchId: 'B-RICE-2610' }],
    },
    {
      id: '400001',
      customerId: 'C004',
      deliveredDaysAgo: 3,
      lines: [
        { sku: 'MUG-350', quantity: 2, unitPriceCents: 3900, batchId: 'B-MUG-2609' },
        { sku: 'MUSHROOM-250', quantity: 1, unitPriceCents: 4500, batchId: 'B-MUSH-2611' },
      ],
    },
    {
      id: '400002',
      customerId: 'C004',
      deliveredDaysAgo: 4,
      lines: [{ sku: 'LAMP-LED', quantity: 1, unitPriceCents: 89900, batchId: 'B-LAMP-2608' }],
    },
    {
      id: '500001',
      customerId: 'C005',
      deliveredDaysAgo: 2,
      lines: [
        { sku: 'LAMP-LED', quantity: 1, unitPriceCents: 89900, batchId: 'B-LAMP-2608' },
        { sku: 'BEANS-1KG', quantity: 1, unitPriceCents: 1800, batchId: 'B-BEAN-2610' },
      ],
    },
    {
      id: '500002',
      customerId: 'C005',
      deliveredDaysAgo: 3,
      lines: [{ sku: 'KETTLE-17', quantity: 1, unitPriceCents: 19900, batchId: 'B-KET-2609' }],
    },
    {
      id: '600001',
      customerId: 'C001',
      deliveredDaysAgo: null,
      lines: [{ sku: 'RICE-5KG', quantity: 1, unitPriceCents: 5990, batchId: 'B-RICE-2610' }],
    },
  ],
};
