import type { PropsWithChildren } from "@kitajs/html";
import type { MessageKey } from "../platform/i18n/index.ts";
import { ActionButton } from "./components/Form.tsx";
import type { View } from "./view.ts";

interface NavItem {
  href: string;
  label: MessageKey;
  show: (view: View) => boolean;
}

/** The main menu; each item shows only to those who may use it. */
const NAV: NavItem[] = [
  { href: "/", label: "nav.home", show: () => true },
  { href: "/arenden", label: "nav.cases", show: (v) => v.can("case.view") },
  { href: "/sok", label: "nav.search", show: (v) => v.can("case.view") },
  { href: "/remisser", label: "nav.consultations", show: (v) => v.can("consultation.view") },
  { href: "/mina-remisser", label: "nav.my_consultations", show: (v) => v.can("consultation.inbox") },
  { href: "/engagemang", label: "nav.engagements", show: (v) => v.can("engagement.view") },
  { href: "/uppfoljning", label: "nav.followup", show: (v) => v.can("followup.view") },
  { href: "/begaranden", label: "nav.copy_requests", show: (v) => v.can("copy_request.handle") },
  {
    href: "/mina-bevakningar",
    label: "nav.due",
    // The due items of the reader's own cases, which they may sign off.
    show: (v) => v.actor.kind === "user" && v.can("document.sign_off", { officerId: v.actor.id }),
  },
  { href: "/organisation", label: "nav.organisation", show: (v) => v.can("unit.view") },
  { href: "/admin/anvandare", label: "nav.users", show: (v) => v.can("user.manage") },
  { href: "/admin/logg", label: "nav.audit", show: (v) => v.can("audit.view") },
  { href: "/admin/utkorg", label: "nav.outbox", show: (v) => v.can("outbox.view") },
  { href: "/admin/diarier", label: "nav.registries", show: (v) => v.can("registry.configure") },
  { href: "/admin/sekretessgrunder", label: "nav.secrecy_grounds", show: (v) => v.can("registry.configure") },
  { href: "/offentlig", label: "nav.public", show: () => true },
  { href: "/admin/gallring", label: "nav.disposal", show: (v) => v.can("disposal.manage") },
  { href: "/konto", label: "nav.account", show: (v) => v.can("account.manage") },
  { href: "/import", label: "nav.import", show: (v) => v.can("import.manage") },
];

const isCurrent = (view: View, href: string) =>
  href === "/"
    ? view.path === "/"
    : view.path === href || view.path.startsWith(`${href}/`) || view.path.startsWith(`${href}?`);

/** Every page: skip link, banner, main menu, main content, footer. */
export function Layout({
  view,
  title,
  hasErrors,
  children,
}: PropsWithChildren<{ view: View; title: string; hasErrors?: boolean }>) {
  const { t } = view;
  const otherLocale = view.locale === "sv" ? "en" : "sv";
  const pageTitle = `${hasErrors ? `${t("form.title_error_prefix")} ` : ""}${title} – kansli`;
  return (
    <>
      {"<!doctype html>"}
      <html lang={view.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
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
                {view.actor.kind === "user" ? (
                  <>
                    <span class="signed-in-as" safe>
                      {t("layout.signed_in_as", {
                        name: view.actor.displayName,
                        role: t(`role.${view.actor.role}`),
                      })}
                    </span>
                    <ActionButton view={view} action="/logga-ut" label={t("auth.logout")} secondary />
                  </>
                ) : (
                  <a href="/logga-in" class="button secondary" safe>
                    {t("auth.login")}
                  </a>
                )}
              </div>
            </div>
            <nav class="main-nav" aria-label={t("layout.main_nav")}>
              <ul>
                {NAV.filter((item) => item.show(view)).map((item) => (
                  <li>
                    <a href={item.href} aria-current={isCurrent(view, item.href) ? "page" : undefined} safe>
                      {t(item.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </header>
          <main id="main" tabindex="-1">
            {children}
          </main>
          <footer class="site-footer">
            <ul>
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
