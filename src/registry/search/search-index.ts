import { sql } from "kysely";
import type { Db, Dialect } from "../../platform/db/database.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { foldDiacritics, indexText, words } from "../../platform/search/normalise.ts";
import { caseParties, findCase, toCase, toParty } from "../cases.store.ts";
import { caseDocuments, toDocument } from "../documents.store.ts";
import { type SearchFields, searchTexts } from "./search-texts.ts";

/**
 * Rewrites the search row of one case from what is in the database now. Called inside the
 * transaction of every change to a case, its parties or its documents, so the index never
 * shows what the register no longer holds.
 */
export async function reindexCase(
  db: Db,
  dialect: Dialect,
  tenantId: string,
  caseId: string,
  now: Date,
): Promise<void> {
  const row = await findCase(db, tenantId, caseId);
  if (!row) throw new NotFoundError();
  const [parties, documents, files] = await Promise.all([
    caseParties(db, caseId),
    caseDocuments(db, caseId),
    latestFileTexts(db, caseId),
  ]);
  const texts = searchTexts(toCase(row), parties.map(toParty), documents.map(toDocument), files);
  const values = {
    case_id: caseId,
    tenant_id: tenantId,
    full_title: texts.full.title,
    full_parties: texts.full.parties,
    full_body: texts.full.body,
    public_title: texts.public.title,
    public_parties: texts.public.parties,
    public_body: texts.public.body,
    updated_at: now.toISOString(),
  };
  if (dialect === "postgres") {
    await db
      .insertInto("search_index")
      .values({ ...values, ...tsvectors(texts.full, texts.public) })
      .onConflict((oc) =>
        oc.column("case_id").doUpdateSet((eb) => ({
          full_title: eb.ref("excluded.full_title"),
          full_parties: eb.ref("excluded.full_parties"),
          full_body: eb.ref("excluded.full_body"),
          public_title: eb.ref("excluded.public_title"),
          public_parties: eb.ref("excluded.public_parties"),
          public_body: eb.ref("excluded.public_body"),
          updated_at: eb.ref("excluded.updated_at"),
          full_tsv: sql`excluded.full_tsv`,
          public_tsv: sql`excluded.public_tsv`,
        })),
      )
      .execute();
    return;
  }
  const existing = await db
    .selectFrom("search_index")
    .select("key")
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  let key = existing?.key;
  if (key === undefined) {
    key = (await db.insertInto("search_index").values(values).returning("key").executeTakeFirstOrThrow()).key;
  } else {
    await db.updateTable("search_index").set(values).where("key", "=", key).execute();
    await sql`delete from search_full where rowid = ${key}`.execute(db);
    await sql`delete from search_public where rowid = ${key}`.execute(db);
  }
  await insertFts(db, "search_full", key, texts.full);
  await insertFts(db, "search_public", key, texts.public);
}

const insertFts = (db: Db, table: "search_full" | "search_public", key: number, f: SearchFields) =>
  sql`insert into ${sql.raw(table)} (rowid, title, parties, body)
    values (${key}, ${indexText(f.title)}, ${indexText(f.parties)}, ${indexText(f.body)})`.execute(db);

/** PostgreSQL: folded text through the swedish configuration, weighted A (title), B (parties), D (body). */
function tsvectors(full: SearchFields, pub: SearchFields) {
  // Plain words only: PostgreSQL's parser would otherwise keep "2016/1" or an address as one token.
  const plain = (text: string) => words(foldDiacritics(text)).join(" ");
  const vector = (f: SearchFields) =>
    sql`setweight(to_tsvector('swedish', ${plain(f.title)}), 'A')
      || setweight(to_tsvector('swedish', ${plain(f.parties)}), 'B')
      || setweight(to_tsvector('swedish', ${plain(f.body)}), 'D')`;
  // biome-ignore lint/suspicious/noExplicitAny: tsvector columns are written only here, by SQL
  return { full_tsv: vector(full), public_tsv: vector(pub) } as any;
}

/** The extracted text of each document's newest file version that still has its content. */
async function latestFileTexts(db: Db, caseId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("document_files as f")
    .innerJoin("documents as d", "d.id", "f.document_id")
    .select(["f.document_id", "f.version", "f.text_content"])
    .where("d.case_id", "=", caseId)
    .where("f.disposed_at", "is", null)
    .where("f.text_content", "is not", null)
    .orderBy("f.version")
    .execute();
  return new Map(rows.map((r) => [r.document_id, r.text_content ?? ""]));
}
