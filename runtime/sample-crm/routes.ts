import { timingSafeEqual } from "node:crypto";
import { Type } from "@sinclair/typebox";
import { eq } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { seedSampleCrm } from "./seed.js";

/**
 * A small CRM with French sample data, so the shipped flows have something real to call. Runs only
 * when asked for (`RELAIS_SAMPLE_CRM=1`), with a token generated at start that only the flow secret
 * space knows (`CRM_TOKEN`).
 */
export default async function sampleCrmRoutes(app: FastifyInstance, options: { token: string }) {
  await seedSampleCrm(app.store);
  const token = Buffer.from(options.token);
  const authorize = async (request: FastifyRequest, reply: FastifyReply) => {
    const given = Buffer.from((request.headers.authorization ?? "").replace(/^Bearer /, ""));
    if (given.length !== token.length || !timingSafeEqual(given, token)) {
      return reply.status(401).send({ error: "unauthorized" });
    }
  };
  const { crmCustomers, crmOrders } = app.store.tables;
  const tags = ["sample-crm"];

  app.get(
    "/sample-crm/customers",
    {
      schema: {
        tags,
        querystring: Type.Object({
          email: Type.Optional(Type.String({ maxLength: 320 })),
          phone: Type.Optional(Type.String({ maxLength: 40 })),
          number: Type.Optional(Type.String({ maxLength: 40 })),
        }),
      },
      onRequest: authorize,
    },
    async (request, reply) => {
      const query = request.query as { email?: string; phone?: string; number?: string };
      const condition = query.email
        ? eq(crmCustomers.email, query.email.trim().toLowerCase())
        : query.phone
          ? eq(crmCustomers.phone, normalizePhone(query.phone))
          : query.number
            ? eq(crmCustomers.number, query.number.trim().toUpperCase())
            : undefined;
      if (!condition) return reply.status(400).send({ error: "give email, phone or number" });
      const [customer] = await app.store.read((db) => db.select().from(crmCustomers).where(condition));
      return customer ? customer : reply.status(404).send({ error: "not_found" });
    },
  );

  app.get(
    "/sample-crm/orders/:number",
    { schema: { tags, params: Type.Object({ number: Type.String({ maxLength: 40 }) }) }, onRequest: authorize },
    async (request, reply) => {
      const number = (request.params as { number: string }).number.trim().toUpperCase();
      const [order] = await app.store.read((db) => db.select().from(crmOrders).where(eq(crmOrders.number, number)));
      if (!order) return reply.status(404).send({ error: "not_found" });
      return { ...order, total: Number(order.total), dispute: order.dispute === 1 };
    },
  );
}

/** `06 12 34 56 78` and `+33 6 12 34 56 78` are the same French number. */
function normalizePhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  if (digits.startsWith("0") && digits.length === 10) return `+33${digits.slice(1)}`;
  if (digits.startsWith("0033")) return `+${digits.slice(2)}`;
  return digits;
}
