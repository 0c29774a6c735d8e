import type { Unit } from "../../organisation/index.ts";
import { Table } from "../../web/components/Table.tsx";
import type { View } from "../../web/view.ts";
import type { CaseStatus } from "../cases.model.ts";

interface CaseListRow {
  diaryNumber: string;
  title: string;
  unitId: string;
  status: CaseStatus;
  openedOn: string;
}

/** A list of cases (the register and the public register): diary number as the link, title, unit, status, opened. */
export function CaseTable<T extends CaseListRow>(props: {
  view: View;
  caption: string;
  cases: T[];
  units: Unit[];
  hrefFor: (c: T) => string;
}) {
  const { t } = props.view;
  const unitName = new Map(props.units.map((u) => [u.id, u.name]));
  return (
    <Table
      caption={props.caption}
      empty={t("case.none")}
      rows={props.cases}
      columns={[
        {
          header: t("case.diary_number"),
          cell: (c) => (
            <a class="nowrap" href={props.hrefFor(c)} safe>
              {c.diaryNumber}
            </a>
          ),
          rowHeader: true,
        },
        { header: t("case.title"), cell: (c) => <span safe>{c.title}</span> },
        { header: t("case.unit"), cell: (c) => <span safe>{unitName.get(c.unitId) ?? c.unitId}</span> },
        { header: t("case.status"), cell: (c) => <span safe>{t(`case.status.${c.status}`)}</span> },
        {
          header: t("case.opened_on"),
          cell: (c) => (
            <span class="nowrap" safe>
              {c.openedOn}
            </span>
          ),
        },
      ]}
    />
  );
}
