import type Database from 'better-sqlite3';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { SqliteStore } from '../sqlite/sqlite-store.js';
import { DEMO_DATA, type DemoData } from './demo-data.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The demo shop's zone: "delivered yesterday" means yesterday as its customers count days. */
const SHOP_TIMEZONE = 'Asia/Shanghai';
const DELIVERY_HOUR = '10:00';
const DAYS_FROM_ORDER_TO_DELIVERY = 2;

/**
 * Fills an empty store with the demo shop, in one transaction, and says whether it did. A store
 * that already has customers is left alone, so restarting the demo keeps its conversations.
 */
export async function seedDemoData(store: SqliteStore, now: Date): Promise<boolean> {
  const { db } = store;
  const hasCustomers = db.prepare('SELECT EXISTS (SELECT 1 FROM customers)').pluck();
  const insertSupplier = db.prepare('INSERT INTO suppliers (id, name, name_en) VALUES (?, ?, ?)');
  const insertProduct = db.prepare(
    `INSERT INTO products (sku, category, name_zh_hans, name_zh_hant, name_en, aliases_json)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertBatch = db.prepare('INSERT INTO batches (id, sku, supplier_id) VALUES (?, ?, ?)');
  const { insertCustomer, insertOrder, insertLine } = prepareBuyerInserts(db);

  const seed = db.transaction((data: DemoData): boolean => {
    if (hasCustomers.get() === 1) return false;
    for (const s of data.suppliers) insertSupplier.run(s.id, s.name, s.nameEn);
    for (const p of data.products) {
      insertProduct.run(p.sku, p.category, p.names['zh-Hans'], p.names['zh-Hant'], p.names.en, JSON.stringify(p.aliases));
    }
    for (const b of data.batches) insertBatch.run(b.id, b.sku, b.supplierId);
    for (const c of data.customers) insertCustomer.run(c.id, c.name, c.phone, c.tier);
    for (const order of data.orders) {
      const customer = data.customers.find((c) => c.id === order.customerId);
      if (!customer) throw new Error(`demo order ${order.id} names unknown customer ${order.customerId}`);
      const { placedAt, deliveredAt } = orderDates(now, order.deliveredDaysAgo);
      insertOrder.run(order.id, customer.id, customer.phone, placedAt, deliveredAt);
      order.lines.forEach((l, index) => {
        insertLine.run(order.id, index + 1, l.sku, l.quantity, l.unitPriceCents, l.batchId);
      });
    }
    return true;
  });
  // IMMEDIATE: two processes starting on a fresh store must not both find it empty.
  return seed.immediate(DEMO_DATA);
}

/** Customers, their orders and the orders' lines: the demo shop's and the history's (seed-history.ts). */
export function prepareBuyerInserts(db: Database.Database) {
  return {
    insertCustomer: db.prepare<[string, string, string, string]>('INSERT INTO customers (id, name, phone, tier) VALUES (?, ?, ?, ?)'),
    insertOrder: db.prepare<[string, string, string, string, string | null]>(
      'INSERT INTO orders (id, customer_id, phone, placed_at, delivered_at) VALUES (?, ?, ?, ?, ?)',
    ),
    insertLine: db.prepare<[string, number, string, number, number, string | null]>(
      `INSERT INTO order_lines (order_id, line, sku, quantity, unit_price_cents, batch_id)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
  };
}

function orderDates(now: Date, deliveredDaysAgo: number | null): { placedAt: string; deliveredAt: string | null } {
  if (deliveredDaysAgo === null) return { placedAt: now.toISOString(), deliveredAt: null };
  const day = dayjs(now).tz(SHOP_TIMEZONE).subtract(deliveredDaysAgo, 'day').format('YYYY-MM-DD');
  const delivered = dayjs.tz(`${day} ${DELIVERY_HOUR}`, SHOP_TIMEZONE);
  return {
    placedAt: delivered.subtract(DAYS_FROM_ORDER_TO_DELIVERY, 'day').toISOString(),
    deliveredAt: delivered.toISOString(),
  };
}
