import type { FastifyInstance } from "fastify";

/** The browser app routes by hash; these addresses people type or bookmark land on the right page. */
export default async function consoleRoutes(app: FastifyInstance) {
  const pages = { "/agent": "/#/agent", "/admin": "/#/admin/team" } as const;
  for (const [path, target] of Object.entries(pages)) {
    app.get(path, { schema: { hide: true } }, (_request, reply) => reply.redirect(target));
  }
}
