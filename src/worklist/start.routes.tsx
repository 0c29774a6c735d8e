import type { FastifyInstance } from "fastify";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import { Layout } from "../web/Layout.tsx";
import { sendPage, viewFor } from "../web/render.ts";
import type { View } from "../web/view.ts";
import { StartPage } from "./views/StartPage.tsx";
import { workFor } from "./work.service.ts";

/** The start page for someone not signed in: what kansli is, and the way in. */
function WelcomePage({ view }: { view: View }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("home.title")}>
      <h1 safe>{t("home.title")}</h1>
      <p safe>{t("home.intro")}</p>
      <p>
        <a class="button" href="/logga-in" safe>
          {t("auth.login")}
        </a>
      </p>
      <ul>
        <li>
          <a href="/offentlig" safe>
            {t("layout.public_register")}
          </a>
        </li>
        <li>
          <a href="/offentlig/internationellt" safe>
            {t("public_engagements.link")}
          </a>
        </li>
        <li>
          <a href="/offentlig/besok" safe>
            {t("visit.public_form_cta")}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

export async function startRoutes(app: FastifyInstance) {
  const { ctx } = app;
  app.get("/", async (req, reply) => {
    const view = viewFor(req, reply);
    if (req.actor.kind !== "user") return sendPage(reply, <WelcomePage view={view} />);
    const sections = await workFor(ctx, req.actor);
    return sendPage(
      reply,
      <StartPage view={view} today={stockholmDate(ctx.clock.now())} sections={sections} />,
    );
  });
}
