import type { MenuLink, View } from "../view.ts";

const isCurrent = (view: View, href: string) =>
  href === "/"
    ? view.path === "/"
    : view.path === href || view.path.startsWith(`${href}/`) || view.path.startsWith(`${href}?`);

/** Administration folds into one entry only when it has several links; one or two stay in line. */
const FOLD_FROM = 3;

function Entry({ view, item, count }: { view: View; item: MenuLink; count: number }) {
  return (
    <li>
      <a href={item.href} aria-current={isCurrent(view, item.href) ? "page" : undefined} safe>
        {view.t(item.label)}
      </a>
      {count > 0 ? (
        // Beside the link, not in it: the link keeps its name, a screen reader reads the count after it.
        <span class="count">
          <span safe>{String(count)}</span>
          <span class="visually-hidden" safe>
            {view.t("nav.waiting")}
          </span>
        </span>
      ) : (
        ""
      )}
    </li>
  );
}

/**
 * The main menu: daily work in one line, administration folded into a disclosure (a native
 * `details`, so it works without JavaScript), and beside each entry how many things wait there.
 */
export async function MainNav({ view }: { view: View }) {
  const { t } = view;
  const counts = view.viewer.counts ? await view.viewer.counts().catch(() => ({})) : {};
  const countOf = (href: string) => (counts as Record<string, number>)[href] ?? 0;
  const links = view.viewer.menu();
  const admin = links.filter((l) => l.group === "admin");
  const fold = admin.length >= FOLD_FROM;
  const inline = fold ? links.filter((l) => l.group !== "admin") : links;
  const adminOpen = fold && admin.some((l) => isCurrent(view, l.href));
  return (
    <nav class="main-nav" aria-label={t("layout.main_nav")}>
      <ul>
        {inline.map((item) => (
          <Entry view={view} item={item} count={countOf(item.href)} />
        ))}
        {fold ? (
          <li class="menu-group">
            <details open={adminOpen}>
              <summary safe>{t("nav.admin")}</summary>
              <ul>
                {admin.map((item) => (
                  <Entry view={view} item={item} count={countOf(item.href)} />
                ))}
              </ul>
            </details>
          </li>
        ) : (
          ""
        )}
      </ul>
    </nav>
  );
}
