import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { errorResponses, PageRedirect } from "../../schema/api/index.js";

/** The browser app routes by hash; these addresses people type or bookmark land on the right page. */
const consoleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pages = { "/agent": "/#/agent", "/admin": "/#/admin/team" } as const;
  for (const [path, target] of Object.entries(pages)) {
    app.get(
      path,
      { schema: { hide: true, response: { 302: PageRedirect, ...errorResponses(400) } } },
      async (_request, reply) => reply.redirect(target),
    );
  }
};
export default consoleRoutes;
