import type { Db } from "../db/database.ts";

/** A stored file the database points at, and where (for the operator who must find it). */
export interface FileReference {
  sha256: string;
  /** e.g. `document_files 0193… "Beslut.pdf"`. */
  where: string;
}

const listed = (json: string | null): { sha256: string; fileName: string }[] =>
  json ? JSON.parse(json) : [];

/**
 * Every blob the database still needs, one reference per blob (the first place found): file
 * versions not disposed of, import drafts, received mail and its attachments, and attachments of
 * mail not yet sent. A new table that keeps a SHA-256 of the blob store belongs here, or backups
 * and `kansli verify` miss it.
 */
export async function referencedFiles(db: Db): Promise<FileReference[]> {
  const found = new Map<string, string>();
  const add = (sha256: string, where: string) => {
    if (!found.has(sha256)) found.set(sha256, where);
  };
  const versions = await db
    .selectFrom("document_files")
    .select(["id", "sha256", "file_name"])
    .where("disposed_at", "is", null)
    .orderBy("id")
    .execute();
  for (const f of versions) add(f.sha256, `document_files ${f.id} "${f.file_name}"`);
  const drafts = await db
    .selectFrom("import_drafts")
    .select(["id", "sha256", "file_name"])
    .orderBy("id")
    .execute();
  for (const d of drafts) add(d.sha256, `import_drafts ${d.id} "${d.file_name}"`);
  const mail = await db
    .selectFrom("received_mail")
    .select(["id", "eml_sha256", "attachments"])
    .orderBy("id")
    .execute();
  for (const m of mail) {
    add(m.eml_sha256, `received_mail ${m.id} (the message)`);
    for (const a of listed(m.attachments)) add(a.sha256, `received_mail ${m.id} "${a.fileName}"`);
  }
  const outbox = await db
    .selectFrom("mail_outbox")
    .select(["id", "attachments"])
    .where("status", "<>", "sent")
    .where("attachments", "is not", null)
    .orderBy("id")
    .execute();
  for (const o of outbox)
    for (const a of listed(o.attachments)) add(a.sha256, `mail_outbox ${o.id} "${a.fileName}"`);
  return [...found].map(([sha256, where]) => ({ sha256, where }));
}
