/**
 * The limit of the machine for a JSON request: bare Fastify 5 echoing the body back, nothing else.
 * Run by the HTTP bench as a process of its own: `PORT=… npx tsx test/bench/servers/echo.ts`.
 */
import Fastify from "fastify";

const app = Fastify();
app.post("/echo", async (request) => request.body);
app.get("/healthz", async () => ({ status: "ok" }));
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
