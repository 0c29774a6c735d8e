import { Table } from "../../web/components/Table.tsx";
import type { View } from "../../web/view.ts";
import { documentsAsListed, documentText } from "../case-visibility.ts";
import type { RegistryDocument } from "../documents.model.ts";

/** The case's documents as a timeline; readers outside the case see registered ones with their public descriptions. */
export function CaseDocuments(props: {
  view: View;
  caseId: string;
  documents: RegistryDocument[];
  /** The reader sees the case in full (case.view_full). */
  full: boolean;
  canAdd: boolean;
  today: string;
}) {
  const { view, documents, full, canAdd, today } = props;
  const { t } = view;
  const visible = documentsAsListed(documents, full);
  const label = (d: RegistryDocument) => documentText(d, full).description;
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
