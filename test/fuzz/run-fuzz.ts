import fc from "fast-check";
import { z } from "zod";
import { createToken } from "../../src/auth/tokens.service.ts";
import { findUserByUsername } from "../../src/auth/users.store.ts";
import type { Database } from "../../src/platform/db/schema.ts";
import type { TestApp } from "../helpers/app.ts";
import { rowCount } from "../helpers/database.ts";
import { type Caller, type FuzzRequest, type IdsByTable, operationsOf, requestsFor } from "./requests.ts";

/** The one error body of docs/api.md. */
const errorBody = z.object({
  error: z.object({
    code: z.string().regex(/^[a-z_]+$/),
    message: z.string().min(1),
    fields: z.array(z.object({ field: z.string(), message: z.string().min(1) })),
    allowed: z.array(z.string()).optional(),
  }),
});

/** Everything a refused request could have written to, the audit trail included. */
const WATCHED: (keyof Database)[] = [
  "audit_events",
  "units",
  "users",
  "api_tokens",
  "mail_outbox",
  "cases",
  "case_parties",
  "documents",
  "document_files",
  "copy_requests",
  "disposal_decisions",
  "consultations",
  "consultation_recipients",
  "consultation_material",
  "consultation_extensions",
  "engagements",
  "engagement_directions",
  "engagement_counterparts",
  "engagement_financing",
  "engagement_decisions",
  "import_drafts",
  "contact_persons",
  "network_messages",
  "engagement_plans",
  "watch_items",
  "city_comparisons",
  "visit_requests",
  "visit_request_units",
  "engagement_reviews",
  "review_reminders",
];

/** Path segments and the table whose ids they take. */
const TABLE_OF_SEGMENT: Record<string, keyof Database> = {
  cases: "cases",
  documents: "documents",
  consultations: "consultations",
  recipients: "consultation_recipients",
  engagements: "engagements",
  "visit-requests": "visit_requests",
  imports: "import_drafts",
  units: "units",
};

export interface FuzzResult {
  seed: number;
  requests: number;
  byStatusClass: Record<string, number>;
  byStatus: Record<string, number>;
  serverErrors: { request: FuzzRequest; status: number; body: string }[];
  shapeViolations: { request: FuzzRequest; status: number; body: string }[];
  /** Batches in which every request was refused, and whose row counts were compared. */
  batchesCompared: number;
  partialWrites: { batch: string[]; changed: string[] }[];
  /** Requests a 2xx answered, by operation (a fuzzed GET may well be valid). */
  accepted: Record<string, number>;
  /** Writes (not GET) that a 2xx answered: bad input that got through, for a person to judge. */
  acceptedWrites: { request: FuzzRequest; status: number; body: string }[];
  operations: number;
  seconds: number;
}

async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of WATCHED) out[table] = await rowCount(t.ctx.db, table);
  return out;
}

async function realIds(t: TestApp): Promise<IdsByTable> {
  const bySegment: Record<string, string[]> = {};
  const any: string[] = [];
  for (const [segment, table] of Object.entries(TABLE_OF_SEGMENT)) {
    const rows = (await t.ctx.db
      .selectFrom(table)
      .select("id" as never)
      .limit(5)
      .execute()) as { id: string }[];
    bySegment[segment] = rows.map((r) => r.id);
    any.push(...bySegment[segment]);
  }
  const diaryNumbers = await t.ctx.db.selectFrom("cases").select("diary_number").limit(3).execute();
  bySegment.public = diaryNumbers.map((r) => r.diary_number);
  for (const table of ["classes", "registries", "users"] as const) {
    const rows = await t.ctx.db.selectFrom(table).select("id").limit(5).execute();
    any.push(...rows.map((r) => r.id));
  }
  return { bySegment, pool: { any } };
}

/**
 * Sends `count` bad requests, generated with fast-check from the app's own OpenAPI document, to
 * every operation, as an admin with an API token and as anonymous. Counts the answers, and
 * compares the row counts of every table (and the audit trail) before and after each batch of
 * requests that were all refused.
 */
export async function runFuzz(t: TestApp, opts: { count: number; seed?: number; batchSize?: number }) {
  const started = Date.now();
  const seed = opts.seed ?? Date.now() % 2 ** 31;
  const batchSize = opts.batchSize ?? 25;
  const admin = await findUserByUsername(t.ctx.db, t.config.tenantId, "admin");
  if (!admin) throw new Error("the demo has no admin");
  const token = (await createToken(t.ctx, "system", admin, { name: "fuzz" })).token;
  const doc = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
  const operations = operationsOf(doc);
  const ids = await realIds(t);
  const callers: Caller[] = [{ name: "admin", token }, { name: "anonymous" }];
  const arbitrary = fc.oneof(
    ...operations.flatMap((op) =>
      callers.map((caller) => ({
        weight: caller.name === "admin" ? 4 : 1,
        arbitrary: requestsFor(op, ids, caller),
      })),
    ),
  );
  const requests = fc.sample(arbitrary, { numRuns: opts.count, seed });

  const result: FuzzResult = {
    seed,
    requests: 0,
    byStatusClass: {},
    byStatus: {},
    serverErrors: [],
    shapeViolations: [],
    batchesCompared: 0,
    partialWrites: [],
    accepted: {},
    acceptedWrites: [],
    operations: operations.length,
    seconds: 0,
  };
  // Writes and reads go in separate batches, so that an answered read (which may write an audit
  // event, e.g. for a file taken out) does not take a batch of refused writes out of the comparison.
  const writes = requests.filter((r) => r.method !== "GET");
  const reads = requests.filter((r) => r.method === "GET");
  const batches: FuzzRequest[][] = [];
  for (const list of [writes, reads])
    for (let start = 0; start < list.length; start += batchSize)
      batches.push(list.slice(start, start + batchSize));
  for (const batch of batches) {
    const before = await counts(t);
    let allRefused = true;
    const sent: string[] = [];
    for (const request of batch) {
      const res = await t.app.inject({
        method: request.method as "GET",
        url: request.url,
        headers: request.headers,
        ...(request.payload !== undefined ? { payload: request.payload } : {}),
      });
      result.requests += 1;
      sent.push(`${res.statusCode} ${request.method} ${request.url.slice(0, 150)} [${request.kind}]`);
      const cls = `${Math.floor(res.statusCode / 100)}xx`;
      result.byStatusClass[cls] = (result.byStatusClass[cls] ?? 0) + 1;
      result.byStatus[res.statusCode] = (result.byStatus[res.statusCode] ?? 0) + 1;
      if (res.statusCode < 400) {
        result.accepted[request.operation] = (result.accepted[request.operation] ?? 0) + 1;
        allRefused = false;
        if (request.method !== "GET")
          result.acceptedWrites.push({ request, status: res.statusCode, body: res.body.slice(0, 300) });
        continue;
      }
      const sample = { request, status: res.statusCode, body: res.body.slice(0, 500) };
      if (res.statusCode >= 500) result.serverErrors.push(sample);
      let parsed: unknown;
      try {
        parsed = res.json();
      } catch {
        parsed = undefined;
      }
      const isJson = /^application\/json/.test(String(res.headers["content-type"]));
      if (!isJson || !errorBody.safeParse(parsed).success) result.shapeViolations.push(sample);
    }
    if (!allRefused) continue;
    result.batchesCompared += 1;
    const after = await counts(t);
    const changed = WATCHED.filter((table) => before[table] !== after[table]).map(
      (table) => `${table}: ${before[table]} → ${after[table]}`,
    );
    if (changed.length > 0) result.partialWrites.push({ batch: sent, changed });
  }
  result.seconds = Math.round((Date.now() - started) / 100) / 10;
  return result;
}

/** The counts in a few lines, for the test log and `npm run fuzz`. */
export function summary(r: FuzzResult): string {
  const classes = Object.entries(r.byStatusClass)
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const statuses = Object.entries(r.byStatus)
    .sort()
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
  const accepted = Object.entries(r.accepted)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join("; ");
  return [
    `fuzz: ${r.requests} requests to ${r.operations} operations in ${r.seconds} s (seed ${r.seed})`,
    `  by status class: ${classes}`,
    `  by status: ${statuses}`,
    `  5xx: ${r.serverErrors.length}`,
    `  shape violations: ${r.shapeViolations.length}`,
    `  partial writes: ${r.partialWrites.length} (in ${r.batchesCompared} all-refused batches compared)`,
    `  accepted (2xx/3xx) by operation: ${accepted || "none"}`,
  ].join("\n");
}
