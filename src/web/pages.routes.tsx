import type { FastifyInstance } from "fastify";
import { Layout } from "./Layout.tsx";
import { sendPage, viewFor } from "./render.ts";
import type { View } from "./view.ts";

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
  app.get("/tillganglighet", (req, reply) =>
    sendPage(reply, <AccessibilityPage view={viewFor(req, reply)} />),
  );
}
