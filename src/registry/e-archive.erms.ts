import { el, type XmlNode, xmlDocument } from "../platform/xml.ts";
import type { Direction } from "./documents.model.ts";
import { type ArchiveCase, type ArchiveDocument, dataPath, documentNumber } from "./e-archive.model.ts";

const NS = "https://DILCIS.eu/XML/ERMS";

/** A civil date as the xs:dateTime ERMS wants (midnight, no zone: the date is a Swedish civil date). */
const dateTime = (day: string) => `${day}T00:00:00`;
const date = (type: string, value: string | null) =>
  value ? el("date", { dateType: type }, value.includes("T") ? value : dateTime(value)) : null;

const DIRECTION: Record<Direction, string> = {
  incoming: "incoming",
  outgoing: "outgoing",
  internal: "internal_memo_without_follow-up",
};
/** Who the party of a document is to the authority. */
const PARTY_ROLE: Record<Direction, string> = {
  incoming: "sender",
  outgoing: "recipient",
  internal: "creator",
};
/** The date that registers a document: when it arrived, was sent, or was drawn up (R1). */
const DOCUMENT_DATE: Record<Direction, string> = {
  incoming: "received",
  outgoing: "sent",
  internal: "created",
};

export interface ErmsNotes {
  disposed: (file: string, version: number, date: string) => string;
}

function record(a: ArchiveCase, d: ArchiveDocument, notes: ErmsNotes): XmlNode {
  const { doc } = d;
  const kept = d.files.filter((f) => f.disposedAt === null);
  const disposed = d.files.filter((f) => f.disposedAt !== null);
  const noteList = [
    doc.publicParty ? el("note", { noteType: "public_party" }, doc.publicParty) : null,
    doc.signoffKind
      ? el("note", { noteType: `signed_off_${doc.signoffKind}` }, doc.signoffReference ?? doc.signoffKind)
      : null,
    ...disposed.map((f) =>
      el(
        "note",
        { noteType: "disposed", noteDate: f.disposedAt },
        notes.disposed(f.fileName, f.version, (f.disposedAt ?? "").slice(0, 10)),
      ),
    ),
  ];
  return el("record", { systemIdentifier: doc.id, recordType: doc.documentType }, [
    el("objectId", {}, documentNumber(a.c, d.number)),
    el("title", {}, doc.description),
    doc.publicDescription ? el("otherTitle", { titleType: "public_title" }, doc.publicDescription) : null,
    el("runningNumber", {}, String(d.number)),
    doc.secrecy
      ? el("restriction", { restrictionType: "confidential" }, [
          el("explanatoryText", {}, doc.secrecy.authority),
          el("regulation", {}, doc.secrecy.provision),
          el("dates", {}, [date("confidentiality_assessed", doc.secrecy.markedOn)]),
        ])
      : null,
    el("direction", { directionDefinition: DIRECTION[doc.direction] }),
    doc.party
      ? el("agents", {}, [el("agent", { agentType: PARTY_ROLE[doc.direction] }, [el("name", {}, doc.party)])])
      : null,
    el("dates", {}, [
      date(DOCUMENT_DATE[doc.direction], doc.date),
      date("captured", doc.registeredAt),
      date("decision_deadline", doc.dueDate),
      date("finished", doc.signedOffOn),
    ]),
    noteList.some((n) => n !== null) ? el("notes", {}, noteList) : null,
    kept.length > 0
      ? el(
          "additionalInformation",
          {},
          kept.map((f) =>
            el("appendix", {
              name: f.fileName,
              path: dataPath(a.c, d, f),
              fileFormat: f.mime,
              description: `version ${f.version}, SHA-256 ${f.sha256}`,
            }),
          ),
        )
      : null,
  ]);
}

function caseFile(a: ArchiveCase, notes: ErmsNotes): XmlNode {
  const { c } = a;
  return el("aggregation", { systemIdentifier: c.id, aggregationType: "caseFile" }, [
    el("objectId", {}, c.diaryNumber),
    el("extraId", { extraIdType: "registry" }, a.registryPrefix),
    el("classification", { classificationCode: a.classCode }, a.classTitle),
    el("title", {}, c.title),
    c.publicTitle ? el("otherTitle", { titleType: "public_title" }, c.publicTitle) : null,
    el("status", { value: c.status === "closed" ? "closed" : "open" }),
    el("agents", {}, [
      el("agent", { agentType: "owner" }, [el("name", {}, a.unitName)]),
      a.officerName
        ? el("agent", { agentType: "responsible_person" }, [
            el("name", {}, a.officerName),
            el("unitName", {}, a.unitName),
          ])
        : null,
      ...a.parties.map((p) =>
        el("agent", { agentType: "counterpart" }, [
          el("name", {}, p.name),
          p.organisation ? el("organisation", {}, p.organisation) : null,
          p.protectedIdentity ? el("protectedIdentity", {}, "true") : null,
        ]),
      ),
    ]),
    el("dates", {}, [date("opened", c.openedOn), date("closed", c.closedOn)]),
    ...a.documents.map((d) => record(a, d, notes)),
  ]);
}

/**
 * The ERMS document (E-ARK CITS ERMS 2.1.2, which FGS Ärendehantering 2.0 is): a control
 * section naming the archival creator, and one caseFile aggregation per case with its documents
 * as records: register data (R1), secrecy marking as a restriction (R2), direction, party,
 * dates, the files in the package, and a note for each disposed file.
 */
export function ermsXml(
  cases: ArchiveCase[],
  meta: { creator: string; exportedBy: string; now: Date; notes: ErmsNotes },
): Buffer {
  return xmlDocument(
    el("erms", { xmlns: NS }, [
      el("control", {}, [
        el("identification", { identificationType: "archival_creator" }, meta.creator),
        el("identification", { identificationType: "system" }, "kansli"),
        el("maintenanceInformation", {}, [
          el("maintenanceStatus", { value: "new" }),
          el("maintenanceAgency", {}, [el("agencyName", {}, meta.creator)]),
          el("maintenanceHistory", {}, [
            el("maintenanceEvent", {}, [
              el("eventType", { value: "created" }),
              el("eventDateTime", {}, meta.now.toISOString()),
              el("agent", { agentType: "creator" }, [el("name", {}, meta.exportedBy)]),
            ]),
          ]),
        ]),
      ]),
      el(
        "aggregations",
        {},
        cases.map((a) => caseFile(a, meta.notes)),
      ),
    ]),
  );
}
