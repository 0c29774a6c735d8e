import type SqliteDatabase from "better-sqlite3";
import { type Insertable, sql } from "kysely";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { withContext } from "../src/cli/runtime.ts";
import type { Config } from "../src/config.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { startKeyedChain } from "../src/platform/audit/audit.service.ts";
import { auditKey } from "../src/platform/audit/audit-key.ts";
import type { Ctx } from "../src/platform/context.ts";
import type { Db } from "../src/platform/db/database.ts";
import { migrateToLatest } from "../src/platform/db/migrate.ts";
import type { Database } from "../src/platform/db/schema.ts";
import { newId } from "../src/platform/ids.ts";
import { ensureTenant } from "../src/platform/tenants.store.ts";
import type { CaseRow, PartyRow } from "../src/registry/cases.store.ts";
import { toCase, toParty } from "../src/registry/cases.store.ts";
import { formatDiaryNumber } from "../src/registry/diary-number.model.ts";
import { type DocumentRow, toDocument } from "../src/registry/documents.store.ts";
import { raiseCounter } from "../src/registry/registries.store.ts";
import { writeSearchRows } from "../src/registry/search/search-index.ts";
import { searchTexts } from "../src/registry/search/search-texts.ts";
import { seedSecrecyGrounds } from "../src/registry/secrecy-grounds.seed.ts";
import { generateCase, random } from "./city.ts";

export const BENCH_PASSWORD = "benchmark-losenord-2026-stad";
const FIRST_YEAR = 2016;
const YEARS = 10;
const BATCH = 1000;
/** Rows per INSERT: well below SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 400;

export interface BenchCity {
  cases: number;
  token: string;
  username: string;
  password: string;
}

/**
 * Builds the benchmark city: the demo organisation and accounts through the real seed, then
 * `cases` generated cases with five documents each, written in bulk with the same rows and the
 * same search index entries (`searchTexts`, `writeSearchRow`) the services write.
 */
export async function generateCity(
  config: Config,
  cases: number,
  log: (line: string) => void,
): Promise<BenchCity> {
  return withContext(config, async (ctx, open) => {
    // A large page cache while writing millions of rows with random keys (this process only).
    open.sqlite?.pragma("cache_size = -1000000");
    await migrateToLatest(ctx.db);
    // As `kansli migrate` does: a city generated before the audit key gets its keyed start.
    await startKeyedChain(ctx.db, auditKey(), ctx.clock.now());
    await ensureTenant(ctx.db, config.tenantId, ctx.clock.now());
    await seedSecrecyGrounds(ctx.db, config.tenantId, ctx.clock.now());
    const existing = await countGenerated(ctx);
    if (existing === 0) await seedDemo(ctx, BENCH_PASSWORD);
    if (existing < cases) await addCases(ctx, open.sqlite, existing, cases, log);
    const user = await findUserByUsername(ctx.db, config.tenantId, "registrator");
    if (!user) throw new Error("the demo registrator is missing");
    const { token } = await createToken(ctx, "system", user, { name: `bench ${new Date().toISOString()}` });
    return { cases, token, username: "registrator", password: BENCH_PASSWORD };
  });
}

const countGenerated = async (ctx: Ctx) =>
  Number(
    (
      await ctx.db
        .selectFrom("cases")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("title", "like", "% för Stockholms stad")
        .executeTakeFirstOrThrow()
    ).n,
  );

async function addCases(
  ctx: Ctx,
  sqlite: SqliteDatabase.Database | null,
  from: number,
  to: number,
  log: (line: string) => void,
) {
  const tenantId = ctx.config.tenantId;
  const registry = await ctx.db
    .selectFrom("registries")
    .selectAll()
    .where("id", "=", "ks")
    .executeTakeFirstOrThrow();
  const units = (await ctx.db.selectFrom("units").select("id").execute()).map((u) => u.id);
  const officers = (
    await ctx.db
      .selectFrom("users")
      .select("id")
      .where("role", "in", ["handlaggare", "registrator"])
      .execute()
  ).map((u) => u.id);
  const classes = await ctx.db
    .selectFrom("classes")
    .innerJoin("classification_schemes as s", "s.id", "classes.scheme_id")
    .innerJoin("class_versions as v", "v.class_id", "classes.id")
    .select(["classes.id", "classes.code", "v.id as version_id"])
    .where("s.version", "=", "2019")
    .where("v.superseded_at", "is", null)
    .execute();
  const counters = new Map(
    (await ctx.db.selectFrom("diary_counters").selectAll().where("registry_id", "=", "ks").execute()).map(
      (c) => [c.year, c.last_seq],
    ),
  );
  const started = Date.now();
  const now = new Date();
  const stamp = now.toISOString();
  for (let start = from; start < to; start += BATCH) {
    const end = Math.min(to, start + BATCH);
    const rows = { cases: [] as CaseRow[], parties: [] as PartyRow[], documents: [] as DocumentRow[] };
    const texts: { caseId: string; texts: ReturnType<typeof searchTexts> }[] = [];
    for (let n = start; n < end; n++) {
      const rnd = random(n + 1);
      const g = generateCase(rnd);
      // Cases run oldest first, so the newest are those added last, as in a real register.
      const year = FIRST_YEAR + Math.floor((n * YEARS) / to);
      const seq = (counters.get(year) ?? 0) + 1;
      counters.set(year, seq);
      const cls = classes[n % classes.length] ?? classes[0];
      if (!cls) throw new Error("no classes");
      const opened = isoDay(year, g.dayOfYear);
      const c: CaseRow = {
        id: newId(),
        tenant_id: tenantId,
        registry_id: registry.id,
        diary_number: formatDiaryNumber(registry.number_pattern, {
          prefix: registry.prefix,
          year,
          seq,
          classCode: cls.code,
        }),
        year,
        seq,
        title: g.title,
        public_title: null,
        class_id: cls.id,
        class_version_id: cls.version_id,
        unit_id: units[n % units.length] ?? "ks",
        officer_id: officers[n % officers.length] ?? null,
        status: g.closed ? "closed" : "open",
        opened_on: opened,
        closed_on: g.closed ? isoDay(year, g.dayOfYear + 35) : null,
        created_at: stamp,
        updated_at: stamp,
      };
      const parties = g.parties.map((p, i) => ({
        id: newId(),
        case_id: c.id,
        name: p.name,
        organisation: p.organisation,
        email: null,
        protected_identity: 0,
        created_at: new Date(now.getTime() + i).toISOString(),
      }));
      const documents = g.documents.map(
        (d): DocumentRow => ({
          id: newId(),
          tenant_id: tenantId,
          case_id: c.id,
          direction: d.direction,
          status: d.draft ? "draft" : "registered",
          document_date: isoDay(year, g.dayOfYear + d.daysAfterOpening),
          party: d.party,
          description: d.description,
          public_description: d.secret ? "Handling som omfattas av sekretess" : null,
          public_party: null,
          secrecy_provision: d.secret ? "OSL 21:1" : null,
          secrecy_marked_on: d.secret ? opened : null,
          secrecy_authority: d.secret ? "Stadsledningskontoret" : null,
          // Written as a marking from before the list of grounds (migration 0016): free text, no ground.
          secrecy_ground_id: null,
          document_type: d.documentType,
          due_date: null,
          signed_off_on: null,
          signoff_kind: null,
          signoff_reference: null,
          registered_at: d.draft ? null : stamp,
          frozen_at: d.draft ? null : stamp,
          created_by: null,
          created_at: stamp,
          updated_at: stamp,
          public_hold: null,
        }),
      );
      rows.cases.push(c);
      rows.parties.push(...parties);
      rows.documents.push(...documents);
      texts.push({
        caseId: c.id,
        texts: searchTexts(toCase(c), parties.map(toParty), documents.map(toDocument)),
      });
    }
    await ctx.db.transaction().execute(async (trx) => {
      await insertRows(trx, sqlite, "cases", rows.cases);
      await insertRows(trx, sqlite, "case_parties", rows.parties);
      await insertRows(trx, sqlite, "documents", rows.documents);
      await writeSearchRows(trx, ctx.dialect, tenantId, texts, now);
      for (const [year, seq] of counters) await raiseCounter(trx, registry.id, year, seq);
    });
    if ((end / BATCH) % 50 === 0 || end === to) {
      const seconds = (Date.now() - started) / 1000;
      log(
        `  ${end.toLocaleString("sv-SE")} cases (${Math.round((end - from) / seconds)}/s, ${seconds.toFixed(0)} s)`,
      );
    }
  }
  if (ctx.dialect === "sqlite") await sql`pragma optimize`.execute(ctx.db);
  else await sql`analyze`.execute(ctx.db);
}

/**
 * Inserts plain rows: on SQLite through one prepared statement per table on the same connection
 * (inside the open transaction), which is several times faster than building large statements;
 * on PostgreSQL as multi-row INSERTs.
 */
async function insertRows<T extends "cases" | "case_parties" | "documents">(
  trx: Db,
  sqlite: SqliteDatabase.Database | null,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  if (sqlite) {
    const columns = Object.keys(first);
    const insert = sqlite.prepare(
      `insert into ${table} (${columns.join(", ")}) values (${columns.map((c) => `@${c}`).join(", ")})`,
    );
    for (const row of rows) insert.run(row);
    return;
  }
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
}

/** The date `day` days into `year` (capped at 31 December). */
function isoDay(year: number, day: number): string {
  const d = new Date(Date.UTC(year, 0, 1 + Math.min(day, 364)));
  return d.toISOString().slice(0, 10);
}
