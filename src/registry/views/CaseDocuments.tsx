import { Table } from "../../web/components/Table.tsx";
import type { View } from "../../web/view.ts";
import type { RegistryDocument } from "../documents.model.ts";

/** The case's documents as a timeline; secret ones show their public description to readers without access. */
export function CaseDocuments(props: {
  view: View;
  caseId: string;
  documents: RegistryDocument[];
  canAdd: boolean;
  today: string;
}) {
  const { view, documents, canAdd, today } = props;
  const { t } = view;
  const restricted = !view.can("document.view_restricted");
  const visible = restricted ? documents.filter((d) => d.status === "registered") : documents;
  const label = (d: RegistryDocument) =>
    restricted && d.secrecy ? (d.publicDescription ?? "") : d.description;
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading" safe>
        {t("document.heading")}
      </h2>
      {canAdd ? (
        <p>
          <a class="button" href={`/arenden/${props.caseId}/handlingar/ny`} safe>
            {t("document.new")}
          </a>
        </p>
      ) : null}
      <Table
        caption={t("document.caption")}
        empty={t("document.none")}
        rows={visible}
        columns={[
          { header: t("document.date"), cell: (d) => <span safe>{d.date}</span>, rowHeader: true },
          {
            header: t("document.direction"),
            cell: (d) => <span safe>{t(`document.direction.${d.direction}`)}</span>,
          },
          {
            header: t("document.description"),
            cell: (d) => (
              <a href={`/handlingar/${d.id}`} safe>
                {label(d)}
              </a>
            ),
          },
          {
            header: t("case.status"),
            cell: (d) => (
              <span safe>
                {[
                  t(`document.status.${d.status}`),
                  d.secrecy ? t("document.secret") : "",
                  d.dueDate && !d.signedOffOn && d.dueDate < today ? t("document.overdue") : "",
                ]
                  .filter(Boolean)
                  .join(", ")}
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}
