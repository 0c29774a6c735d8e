import type { ActorView } from "../../auth/index.ts";
import { compareText } from "../../platform/i18n/index.ts";
import { Layout } from "../../web/Layout.tsx";
import type { Unit } from "../units.model.ts";

const href = (u: Unit) => `/organisation/${encodeURIComponent(u.id)}`;

export function UnitPage({ view, unit, units }: { view: ActorView; unit: Unit; units: Unit[] }) {
  const { t } = view;
  const parent = units.find((u) => u.id === unit.parentId);
  const children = units
    .filter((u) => u.parentId === unit.id)
    .sort((a, b) => compareText(view.locale)(a.name, b.name));
  const row = (label: string, value: string | null) => (
    <>
      <dt safe>{label}</dt>
      <dd safe>{value ?? "–"}</dd>
    </>
  );
  return (
    <Layout view={view} title={unit.name}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href="/organisation" safe>
          {t("unit.list_title")}
        </a>
      </nav>
      <h1 safe>{unit.name}</h1>
      <dl class="summary">
        {row(t("unit.short_name"), unit.shortName)}
        {row(t("unit.type"), t(`unit.types.${unit.type}`))}
        <dt safe>{t("unit.parent")}</dt>
        <dd>
          {parent ? (
            <a href={href(parent)} safe>
              {parent.name}
            </a>
          ) : (
            "–"
          )}
        </dd>
        {row(t("unit.email"), unit.email)}
        {row(t("unit.functional_mailbox"), unit.functionalMailbox)}
        {row(t("unit.phone"), unit.phone)}
        {row(t("unit.address"), unit.address)}
        {row(t("unit.visiting_address"), unit.visitingAddress)}
        {row(t("unit.web"), unit.web)}
        {row("ID", unit.id)}
      </dl>
      {view.can("unit.edit") && (
        <p>
          <a class="button" href={`${href(unit)}/andra`} safe>
            {t("unit.edit")}
          </a>
        </p>
      )}
      <h2 safe>{t("unit.children")}</h2>
      {children.length === 0 ? (
        <p safe>{t("unit.no_children")}</p>
      ) : (
        <ul>
          {children.map((c) => (
            <li>
              <a href={href(c)} safe>
                {c.name}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
