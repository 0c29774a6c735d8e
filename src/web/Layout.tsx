import type { PropsWithChildren } from "@kitajs/html";
import { ActionButton } from "./components/Form.tsx";
import { MainNav } from "./components/MainNav.tsx";
import type { View } from "./view.ts";

/** Every page: skip link, banner, main menu, main content, footer. */
export function Layout({
  view,
  title,
  hasErrors,
  refreshSeconds,
  children,
}: PropsWithChildren<{
  view: View;
  title: string;
  hasErrors?: boolean;
  /** Reload the page after this many seconds (a page showing work in progress, without JavaScript). */
  refreshSeconds?: number | undefined;
}>) {
  const { t } = view;
  const { signedIn } = view.viewer;
  const otherLocale = view.locale === "sv" ? "en" : "sv";
  const pageTitle = `${hasErrors ? `${t("form.title_error_prefix")} ` : ""}${title} – kansli`;
  return (
    <>
      {"<!doctype html>"}
      <html lang={view.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
          <title safe>{pageTitle}</title>
          <link rel="stylesheet" href="/static/kansli.css" />
        </head>
        <body>
          <a class="skip-link" href="#main" safe>
            {t("layout.skip_link")}
          </a>
          <header class="site-header">
            <div class="header-inner">
              <a class="service-name" href="/" safe>
                {t("app.name")}
              </a>
              <span class="service-tagline" safe>
                {t("app.tagline")}
              </span>
              <div class="header-tools">
                <ActionButton
                  view={view}
                  action="/sprak"
                  label={t("layout.switch_language")}
                  secondary
                  hidden={{ locale: otherLocale, next: view.path }}
                />
                {signedIn ? (
                  <>
                    <span class="signed-in-as" safe>
                      {t("layout.signed_in_as", { name: signedIn.name, role: t(signedIn.role) })}
                    </span>
                    <a href="/konto" class="header-link" safe>
                      {t("nav.account")}
                    </a>
                    <ActionButton view={view} action="/logga-ut" label={t("auth.logout")} secondary />
                  </>
                ) : (
                  <a href="/logga-in" class="button secondary" safe>
                    {t("auth.login")}
                  </a>
                )}
              </div>
            </div>
            <MainNav view={view} />
          </header>
          <main id="main" tabindex="-1">
            {children}
          </main>
          <footer class="site-footer">
            <ul>
              <li>
                <a href="/offentlig" safe>
                  {t("layout.public_register")}
                </a>
              </li>
              <li>
                <a href="/tillganglighet" safe>
                  {t("layout.accessibility")}
                </a>
              </li>
              <li>
                <a href="/api/v1/openapi.json" safe>
                  {t("layout.api")}
                </a>
              </li>
            </ul>
          </footer>
        </body>
      </html>
    </>
  );
}
