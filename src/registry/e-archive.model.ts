import type { Case, CaseParty } from "./cases.model.ts";
import type { RegistryDocument } from "./documents.model.ts";

/** The version of the E-ARK CITS ERMS schema (= FGS Ärendehantering 2.0) the export follows. */
export const ERMS_VERSION = "2.1.2";
export const ERMS_PATH = "metadata/descriptive/erms.xml";
export const DATA_DIR = "representations/rep1/data";

/** A file version of a document, as stored. */
export interface ArchiveFile {
  version: number;
  fileName: string;
  sha256: string;
  size: number;
  mime: string;
  uploadedAt: string;
  disposedAt: string | null;
}

/** A registered document with its number in the case (handlingsnummer) and its file versions. */
export interface ArchiveDocument {
  number: number;
  doc: RegistryDocument;
  files: ArchiveFile[];
}

/** Everything the package says about one closed case. */
export interface ArchiveCase {
  c: Case;
  registryPrefix: string;
  classCode: string;
  classTitle: string;
  unitName: string;
  officerName: string | null;
  parties: CaseParty[];
  documents: ArchiveDocument[];
}

/** A file that goes into the package's data folder. */
export interface PackagedFile {
  /** Path inside the package folder (below OBJID/). */
  path: string;
  sha256: string;
  size: number;
  mime: string;
  created: string;
}

/** ASCII letters, digits, ".", "_" and "-" only: safe as a folder or file name on any system. */
export function safeName(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9._-]+/g, "_")
      .replace(/^[._]+|_+$/g, "")
      .slice(0, 120) || "x"
  );
}

/** A document's number as archives write it: the diary number and its running number, "KS 2016/4-2". */
export const documentNumber = (c: Case, n: number) => `${c.diaryNumber}-${n}`;

/** Where a file version lies in the package: one folder per case, named after its diary number. */
export const dataPath = (c: Case, d: ArchiveDocument, f: ArchiveFile) =>
  `${DATA_DIR}/${safeName(c.diaryNumber)}/${d.number}-v${f.version}-${safeName(f.fileName)}`;

/** The files of the package's data: every version that has not been disposed of (R6). */
export function packagedFiles(cases: ArchiveCase[]): PackagedFile[] {
  return cases.flatMap((a) =>
    a.documents.flatMap((d) =>
      d.files
        .filter((f) => f.disposedAt === null)
        .map((f) => ({
          path: dataPath(a.c, d, f),
          sha256: f.sha256,
          size: f.size,
          mime: f.mime,
          created: f.uploadedAt,
        })),
    ),
  );
}

/** The package's id and folder name: what it holds and when it was made, e.g. "KS_2016_482-20261129T101500Z". */
export const packageId = (what: string, now: Date) =>
  `${safeName(what)}-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "")}`;
