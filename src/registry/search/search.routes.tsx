import type { FastifyInstance } from "fastify";
import { requireCan } from "../../auth/index.ts";
import { sendPage, viewFor } from "../../web/render.ts";
import { searchChoices } from "./search-choices.ts";
import { searchFromQuery } from "./search-request.ts";
import { SearchPage } from "./views/SearchPage.tsx";

export async function searchRoutes(app: FastifyInstance) {
  const { ctx } = app;
  app.get("/sok", async (req, reply) => {
    const actor = requireCan(req, "case.view");
    const search = await searchFromQuery(ctx, actor, "/sok", req.query);
    return sendPage(
      reply,
      <SearchPage view={viewFor(req, reply)} search={search} choices={await searchChoices(ctx)} />,
      search.errors.length > 0 ? 422 : 200,
    );
  });
}
