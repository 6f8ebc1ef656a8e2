import { sql } from "drizzle-orm";
import type { Store } from "../store/db.js";

const DAY = 86_400_000;
/** The day `days` from `now`, as the CRM writes dates (`2026-12-04`). */
const dayFrom = (now: number, days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);

/**
 * The sample CRM's customers and orders (see API.md), what the shipped flows look up. Delivery dates
 * follow the day it starts (a shipped order arrives in two days, the delivered one came twelve days
 * ago): fixed dates read as past after a few weeks of trying the flows.
 */
export async function seedSampleCrm(store: Store, now = Date.now()): Promise<void> {
  const { crmCustomers, crmOrders } = store.tables;
  await store.tx(async (db) => {
    await db
      .insert(crmCustomers)
      .values([
        {
          id: "C-1001",
          number: "C-1001",
          firstName: "Camille",
          lastName: "Martin",
          email: "camille.martin@example.fr",
          phone: "+33612345678",
          tier: "gold",
        },
        {
          id: "C-1002",
          number: "C-1002",
          firstName: "Lucas",
          lastName: "Bernard",
          email: "lucas.bernard@example.fr",
          phone: "+33698765432",
          tier: "standard",
        },
      ])
      .onConflictDoNothing();
    await db
      .insert(crmOrders)
      .values([
        {
          number: "CMD-100001",
          customerId: "C-1001",
          status: "shipped",
          statusLabel: "Expédiée",
          total: "89.90",
          currency: "EUR",
          deliveryDate: dayFrom(now, 2),
          dispute: 0,
        },
        {
          number: "CMD-100002",
          customerId: "C-1001",
          status: "processing",
          statusLabel: "En préparation",
          total: "740.00",
          currency: "EUR",
          deliveryDate: dayFrom(now, 5),
          dispute: 0,
        },
        {
          number: "CMD-100003",
          customerId: "C-1002",
          status: "delivered",
          statusLabel: "Livrée",
          total: "45.00",
          currency: "EUR",
          deliveryDate: dayFrom(now, -12),
          dispute: 1,
        },
      ])
      .onConflictDoUpdate({ target: crmOrders.number, set: { deliveryDate: sql`excluded.delivery_date` } });
  });
}
