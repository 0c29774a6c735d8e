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
  const numbers = documentNumbers(documents);
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
          {
            header: t("document.number"),
            cell: (d) => <span safe>{String(numbers.get(d.id) ?? "–")}</span>,
            numeric: true,
          },
          {
            header: t("document.date"),
            cell: (d) => (
              <span class="nowrap" safe>
                {d.date}
              </span>
            ),
            rowHeader: true,
          },
          {
            header: t("document.direction"),
            cell: (d) => <span safe>{t(`document.direction.${d.direction}`)}</span>,
          },
          {
            header: t("document.party_column"),
            cell: (d) => <span safe>{documentText(d, full).party ?? "–"}</span>,
          },
          {
            header: t("document.description_column"),
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
                  d.dueDate && !d.signedOffOn && d.dueDate < today ? t("document.overdue") : "",
                ]
                  .filter(Boolean)
                  .join(", ")}
              </span>
            ),
          },
          {
            header: t("document.secrecy_column"),
            // The provision is shown to those who see the case in full; others see that a marking exists.
            cell: (d) => {
              const marking = d.secrecy ? (full ? d.secrecy.provision : t("document.secret")) : "–";
              return <span safe>{marking}</span>;
            },
          },
          {
            header: t("document.signed_off_column"),
            cell: (d) => (
              <span class="nowrap" safe>
                {d.signedOffOn ?? (d.dueDate ? t("document.due_on", { date: d.dueDate }) : "–")}
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}

/**
 * A document's number in its case: its place in the order the case's documents were registered
 * (1, 2, 3 …). Registration is final and registered documents are never removed, so the numbers
 * never change; drafts have none until they are registered.
 */
export function documentNumbers(documents: readonly RegistryDocument[]): Map<string, number> {
  const registered = documents
    .filter((d) => d.registeredAt !== null)
    .sort((a, b) => (a.registeredAt ?? "").localeCompare(b.registeredAt ?? "") || a.id.localeCompare(b.id));
  return new Map(registered.map((d, i) => [d.id, i + 1]));
}
