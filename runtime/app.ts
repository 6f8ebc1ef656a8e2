import { existsSync } from "node:fs";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance } from "fastify";
import type { Config } from "./config.js";
import analyticsFoldPlugin from "./plugins/analytics-fold.js";
import authPlugin from "./plugins/auth.js";
import channelsPlugin from "./plugins/channels.js";
import dbPlugin from "./plugins/db.js";
import errorsPlugin from "./plugins/errors.js";
import flowsPlugin from "./plugins/flows.js";
import { createMetrics } from "./plugins/metrics.js";
import queuePlugin from "./plugins/queue.js";
import retentionPlugin from "./plugins/retention.js";
import storableTextPlugin from "./plugins/storable-text.js";
import "./plugins/services.js";
import { requestValidators } from "./request-validators.js";
import { responseSerializers } from "./response-serializers.js";
import agentRoutes from "./routes/agent.js";
import analyticsRoutes from "./routes/analytics.js";
import attachmentRoutes from "./routes/attachments.js";
import authRoutes from "./routes/auth.js";
import cannedRoutes from "./routes/canned.js";
import channelSettingsRoutes from "./routes/channel-settings.js";
import channelRoutes from "./routes/channels.js";
import consoleRoutes from "./routes/console.js";
import customerRoutes from "./routes/customers.js";
import flowRoutes from "./routes/flows.js";
import inboxAdminRoutes from "./routes/inbox-admin.js";
import messengerRoutes from "./routes/messenger.js";
import opsRoutes from "./routes/ops.js";
import queueAdminRoutes from "./routes/queue-admin.js";
import reportRoutes from "./routes/reports.js";
import routingRoutes from "./routes/routing.js";
import searchRoutes from "./routes/search.js";
import simulatorRoutes from "./routes/simulator.js";
import supervisionRoutes from "./routes/supervision.js";
import teamRoutes from "./routes/team.js";
import twilioRoutes from "./routes/twilio.js";
import webchatRoutes from "./routes/webchat.js";
import whatsappRoutes from "./routes/whatsapp.js";
import sampleCrmRoutes from "./sample-crm/routes.js";

/** How long a start-up may wait for its turn and its plugins before it gives up. */
const STARTUP_TURN_MS = 120_000;

/** The whole runtime as one Fastify instance; `server.ts` only makes it listen. */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Request URLs carry no message text; bodies are never logged.
      redact: ["req.headers.authorization", "req.headers.cookie"],
    },
    bodyLimit: config.bodyLimitBytes,
    schemaController: { compilersFactory: { buildValidator: requestValidators, buildSerializer: responseSerializers } },
    forceCloseConnections: true,
    // Processes starting together on PostgreSQL take turns inside the database plugin (the first
    // migrates and seeds): on a busy machine the fourth waits for three start-ups, longer than
    // Fastify's default 10 s for a plugin, and was restarted in a loop.
    pluginTimeout: STARTUP_TURN_MS,
    // A hop count as a function: Fastify's types take no number, though proxy-addr does.
    trustProxy:
      typeof config.trustProxy === "number"
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate("config", config);
  app.decorate("metrics", createMetrics());
  await app.register(errorsPlugin);
  await app.register(storableTextPlugin);
  await app.register(rateLimit, { global: false });
  // Scripts only from Relais itself, never inline; the designer's ajv compiles its validators with
  // `new Function` (hence 'unsafe-eval'), Monaco and React Flow write inline styles; never framed.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        "script-src": ["'self'", "'unsafe-eval'"],
        "frame-ancestors": ["'none'"],
        "worker-src": ["'self'"],
        "upgrade-insecure-requests": config.publicUrl.startsWith("https:") ? [] : null,
      },
    },
    frameguard: { action: "deny" },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: "Relais runtime API", version: "0.1.0" },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "relais_session" },
          token: { type: "http", scheme: "bearer" },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  await app.register(dbPlugin);
  await app.register(authPlugin);
  await app.register(flowsPlugin);
  await app.register(queuePlugin);
  await app.register(channelsPlugin);
  await app.register(retentionPlugin);
  await app.register(analyticsFoldPlugin);
  await app.register(opsRoutes);
  await app.register(authRoutes);
  await app.register(flowRoutes);
  await app.register(analyticsRoutes);
  await app.register(simulatorRoutes);
  await app.register(agentRoutes);
  await app.register(attachmentRoutes);
  await app.register(supervisionRoutes);
  await app.register(routingRoutes);
  await app.register(searchRoutes);
  await app.register(reportRoutes);
  await app.register(queueAdminRoutes);
  await app.register(inboxAdminRoutes);
  await app.register(customerRoutes);
  await app.register(teamRoutes);
  await app.register(cannedRoutes);
  await app.register(consoleRoutes);
  await app.register(channelRoutes);
  await app.register(channelSettingsRoutes);
  await app.register(webchatRoutes);
  await app.register(whatsappRoutes);
  await app.register(messengerRoutes);
  await app.register(twilioRoutes);
  if (config.sampleCrm) await app.register(sampleCrmRoutes, { token: config.sampleCrm.token });
  if (existsSync(config.designerDir)) {
    await app.register(fastifyStatic, { root: config.designerDir, prefix: "/", wildcard: false });
  }
  return app;
}
