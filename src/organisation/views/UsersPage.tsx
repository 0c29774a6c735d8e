import type { UserRow } from "../../auth/index.ts";
import { ActionButton } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { Unit } from "../units.model.ts";

export function UsersPage({ view, users, units }: { view: View; users: UserRow[]; units: Unit[] }) {
  const { t } = view;
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const unitLabel = (u: UserRow): string => (u.unit_id ? (unitName.get(u.unit_id) ?? u.unit_id) : "–");
  return (
    <Layout view={view} title={t("users.title")}>
      <h1 safe>{t("users.title")}</h1>
      <p>
        <a class="button" href="/admin/anvandare/ny" safe>
          {t("users.new")}
        </a>
      </p>
      <p>
        <a href="/admin/inloggning" safe>
          {t("nav.oidc_mappings")}
        </a>
      </p>
      <Table
        caption={t("users.caption")}
        empty={t("users.none")}
        rows={users}
        columns={[
          { header: t("users.username"), cell: (u) => <span safe>{u.username}</span>, rowHeader: true },
          { header: t("users.display_name"), cell: (u) => <span safe>{u.display_name}</span> },
          { header: t("users.role"), cell: (u) => <span safe>{t(`role.${u.role}`)}</span> },
          {
            header: t("users.unit"),
            cell: (u) => <span safe>{unitLabel(u)}</span>,
          },
          {
            header: t("users.actions"),
            cell: (u) => (
              <ActionButton
                view={view}
                action={`/admin/anvandare/${u.id}/avsluta-sessioner`}
                label={t("users.revoke_sessions", { name: u.username })}
                secondary
              />
            ),
          },
        ]}
      />
    </Layout>
  );
}
