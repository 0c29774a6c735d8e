import type { ActorView } from "../../auth/index.ts";
import { compareText } from "../../platform/i18n/index.ts";
import { Layout } from "../../web/Layout.tsx";
import { UNIT_TYPES, type Unit } from "../units.model.ts";

/** The organisation, grouped by type, each unit with its short name and parent. */
export function UnitsPage({ view, units }: { view: ActorView; units: Unit[] }) {
  const { t } = view;
  const byId = new Map(units.map((u) => [u.id, u]));
  const sorted = [...units].sort((a, b) => compareText(view.locale)(a.name, b.name));
  return (
    <Layout view={view} title={t("unit.list_title")}>
      <h1 safe>{t("unit.list_title")}</h1>
      <ul class="actions">
        <li>
          <a href="/organisation.csv" safe>
            {t("unit.export_csv")}
          </a>
        </li>
        {view.can("unit.create") && (
          <li>
            <a class="button" href="/organisation/ny" safe>
              {t("unit.new")}
            </a>
          </li>
        )}
      </ul>
      {UNIT_TYPES.map((type) => {
        const group = sorted.filter((u) => u.type === type);
        if (group.length === 0) return "";
        return (
          <section aria-labelledby={`group-${type}`}>
            <h2 id={`group-${type}`} safe>
              {`${t(`unit.types.${type}`)} (${group.length})`}
            </h2>
            <ul class="unit-list">
              {group.map((u) => {
                const parent = u.parentId ? byId.get(u.parentId) : undefined;
                return (
                  <li>
                    <a href={`/organisation/${encodeURIComponent(u.id)}`} safe>
                      {u.shortName ? `${u.name} (${u.shortName})` : u.name}
                    </a>
                    {parent ? (
                      <span class="muted" safe>
                        {` – ${t("unit.under", { parent: parent.name })}`}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}
