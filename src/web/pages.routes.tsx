import type { FastifyInstance } from "fastify";
import { Layout } from "./Layout.tsx";
import { sendPage, viewFor } from "./render.ts";
import type { View } from "./view.ts";

function HomePage({ view }: { view: View }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("home.title")}>
      <h1 safe>{t("home.title")}</h1>
      <p safe>{t("home.intro")}</p>
      {view.viewer.signedIn ? (
        <p safe>{t("home.welcome", { name: view.viewer.signedIn.name })}</p>
      ) : (
        <p>
          <a class="button" href="/logga-in" safe>
            {t("auth.login")}
          </a>
        </p>
      )}
    </Layout>
  );
}

/** Tillgänglighetsredogörelse, required of public services by Swedish law (DOS-lagen). */
function AccessibilityPage({ view }: { view: View }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("a11y.title")}>
      <h1 safe>{t("a11y.title")}</h1>
      <p safe>{t("a11y.intro")}</p>
      <h2 safe>{t("a11y.status_heading")}</h2>
      <p safe>{t("a11y.status")}</p>
      <h2 safe>{t("a11y.testing_heading")}</h2>
      <p safe>{t("a11y.testing")}</p>
      <h2 safe>{t("a11y.known_heading")}</h2>
      <p safe>{t("a11y.known")}</p>
      <h2 safe>{t("a11y.contact_heading")}</h2>
      <p safe>{t("a11y.contact")}</p>
      <h2 safe>{t("a11y.enforcement_heading")}</h2>
      <p safe>{t("a11y.enforcement")}</p>
    </Layout>
  );
}

export async function pagesRoutes(app: FastifyInstance) {
  app.get("/", (req, reply) => sendPage(reply, <HomePage view={viewFor(req, reply)} />));
  app.get("/tillganglighet", (req, reply) =>
    sendPage(reply, <AccessibilityPage view={viewFor(req, reply)} />),
  );
}
