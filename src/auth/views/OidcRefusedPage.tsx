import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";

/**
 * Sign-in through the provider ended without a session: the person has no mapped group
 * ("no_access"), or the provider's answer could not be trusted or was an error ("failed").
 */
export function OidcRefusedPage({ view, reason }: { view: View; reason: "no_access" | "failed" }) {
  const { t } = view;
  const title = t(reason === "no_access" ? "oidc.no_access_title" : "oidc.failed_title");
  return (
    <Layout view={view} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{t(reason === "no_access" ? "oidc.no_access_text" : "oidc.failed_text")}</p>
      <p>
        <a href="/logga-in" safe>
          {t("oidc.back_to_login")}
        </a>
      </p>
    </Layout>
  );
}
