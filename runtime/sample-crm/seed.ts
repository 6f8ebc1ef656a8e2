import type { Store } from "../store/db.js";

/** The sample CRM's customers and orders (see API.md), what the shipped flows look up. */
export async function seedSampleCrm(store: Store): Promise<void> {
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
          deliveryDate: "2026-11-25",
          dispute: 0,
        },
        {
          number: "CMD-100002",
          customerId: "C-1001",
          status: "processing",
          statusLabel: "En préparation",
          total: "740.00",
          currency: "EUR",
          deliveryDate: "2026-11-30",
          dispute: 0,
        },
        {
          number: "CMD-100003",
          customerId: "C-1002",
          status: "delivered",
          statusLabel: "Livrée",
          total: "45.00",
          currency: "EUR",
          deliveryDate: "2026-11-18",
          dispute: 1,
        },
      ])
      .onConflictDoNothing();
  });
}
