import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { actorLabel, auditBy, listUsers, type UserActor } from "../auth/index.ts";
import { listAllUnits } from "../organisation/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import {
  AppError,
  ConflictError,
  type FieldError,
  NotFoundError,
  ValidationError,
} from "../platform/errors.ts";
import { sha256Hex } from "../platform/files/blob-store.ts";
import { translator } from "../platform/i18n/index.ts";
import { findTenantName } from "../platform/tenants.store.ts";
import { getParties } from "./cases.service.ts";
import { type CaseRow, casesClosedInYear, findCase, toCase } from "./cases.store.ts";
import { allClasses } from "./classification.store.ts";
import { caseDocuments, documentFiles, toDocument } from "./documents.store.ts";
import { ermsXml } from "./e-archive.erms.ts";
import { metsXml } from "./e-archive.mets.ts";
import {
  type ArchiveCase,
  dataPath,
  ERMS_PATH,
  type PackagedFile,
  packagedFiles,
  packageId,
} from "./e-archive.model.ts";
import { getRegistries } from "./registries.service.ts";

/** A delivery holds at most this many cases; a bigger year is delivered in parts. */
export const MAX_PACKAGE_CASES = 2000;

export interface ArchivePackage {
  objId: string;
  /** Where the .zip was written. */
  file: string;
  sha256: string;
  size: number;
  caseCount: number;
}

/** Loads what the package says about each case: names, parties, registered documents and their files. */
async function loadArchiveCases(ctx: Ctx, rows: CaseRow[]): Promise<ArchiveCase[]> {
  const { tenantId } = ctx.config;
  const [registries, classes, units, users] = await Promise.all([
    getRegistries(ctx),
    allClasses(ctx.db, tenantId, stockholmDate(ctx.clock.now())),
    listAllUnits(ctx),
    listUsers(ctx.db, tenantId),
  ]);
  const result: ArchiveCase[] = [];
  for (const row of rows) {
    const c = toCase(row);
    const cls = classes.find((x) => x.id === c.classId);
    const docs = (await caseDocuments(ctx.db, c.id)).map(toDocument).filter((d) => d.status === "registered");
    const documents = [];
    for (const [i, doc] of docs.entries()) {
      const files = (await documentFiles(ctx.db, doc.id)).map((f) => ({
        version: f.version,
        fileName: f.file_name,
        sha256: f.sha256,
        size: f.size,
        mime: f.mime,
        uploadedAt: f.uploaded_at,
        disposedAt: f.disposed_at,
      }));
      documents.push({ number: i + 1, doc, files });
    }
    result.push({
      c,
      registryPrefix: registries.find((r) => r.id === c.registryId)?.prefix ?? c.registryId,
      classCode: cls?.code ?? c.classId,
      classTitle: cls?.title ?? c.classId,
      unitName: units.find((u) => u.id === c.unitId)?.name ?? c.unitId,
      officerName: users.find((u) => u.id === c.officerId)?.display_name ?? null,
      parties: await getParties(ctx, c.id),
      documents,
    });
  }
  return result;
}

async function creatorName(ctx: Ctx): Promise<string> {
  const row = await findTenantName(ctx.db, ctx.config.tenantId);
  return row?.name ?? ctx.config.tenantId;
}

/**
 * Writes the E-ARK SIP as a zip at `outFile`: <OBJID>/METS.xml, <OBJID>/metadata/descriptive/erms.xml
 * and the files under <OBJID>/representations/rep1/data/. Each file is read from the blob store
 * (which verifies it against its SHA-256) only when the zip writer reaches it, so memory holds one
 * file at a time. The zip is written beside the target and renamed when complete; on any failure
 * nothing is left behind. Then one audit event per case, in one transaction.
 */
async function writePackage(
  ctx: Ctx,
  by: UserActor | "system",
  rows: CaseRow[],
  what: string,
  outFile: string,
): Promise<ArchivePackage> {
  const now = ctx.clock.now();
  const objId = packageId(what, now);
  const cases = await loadArchiveCases(ctx, rows);
  const creator = await creatorName(ctx);
  const t = translator("sv");
  const erms = ermsXml(cases, {
    creator,
    exportedBy: by === "system" ? "kansli" : actorLabel(by),
    now,
    notes: { disposed: (file, version, date) => t("export.disposed_note", { file, version, date }) },
  });
  const ermsFile: PackagedFile = {
    path: ERMS_PATH,
    sha256: sha256Hex(erms),
    size: erms.length,
    mime: "text/xml",
    created: now.toISOString(),
  };
  const data = packagedFiles(cases);
  const mets = metsXml({ objId, label: what, creator, now, erms: ermsFile, data });

  const zip = new yazl.ZipFile();
  const mtime = now;
  zip.addBuffer(mets, `${objId}/METS.xml`, { mtime });
  zip.addBuffer(erms, `${objId}/${ERMS_PATH}`, { mtime });
  let damaged: FieldError | null = null;
  for (const a of cases) {
    for (const d of a.documents) {
      for (const f of d.files.filter((x) => x.disposedAt === null)) {
        zip.addReadStreamLazy(`${objId}/${dataPath(a.c, d, f)}`, { mtime, size: f.size }, (cb) => {
          ctx.files.get(f.sha256).then(
            (bytes) => cb(null, Readable.from([bytes])),
            (error: unknown) => {
              damaged = {
                field: "",
                message: "export.file_damaged",
                params: { file: f.fileName, document: `${a.c.diaryNumber}-${d.number}` },
              };
              cb(error instanceof Error ? error : new Error(String(error)), Readable.from([]));
            },
          );
        });
      }
    }
  }
  zip.end();

  const partFile = `${outFile}.part`;
  const hash = crypto.createHash("sha256");
  const output = zip.outputStream as Readable;
  // A file that cannot be read stops the zip writer; ending its output ends the file write too.
  zip.on("error", (error: Error) => output.destroy(error));
  try {
    output.on("data", (chunk: Buffer) => hash.update(chunk));
    await pipeline(output, fs.createWriteStream(partFile));
    await fs.promises.rename(partFile, outFile);
  } catch (error) {
    await fs.promises.rm(partFile, { force: true });
    if (damaged) {
      ctx.log.error({ err: error, objId }, "e-archive export stopped by a damaged file");
      throw new AppError(500, "file_damaged", "a file of the package is missing or damaged", [damaged]);
    }
    throw error;
  }
  const sha256 = hash.digest("hex");
  const size = (await fs.promises.stat(outFile)).size;
  await ctx.db.transaction().execute(async (trx) => {
    for (const a of cases) {
      await appendAudit(trx, ctx.config.tenantId, now, {
        ...auditBy(by),
        action: "case.archive_export",
        subjectType: "case",
        subjectId: a.c.id,
        after: { objId, ermsVersion: "2.1.2", packageSha256: sha256, files: data.length },
      });
    }
  });
  return { objId, file: outFile, sha256, size, caseCount: cases.length };
}

/** R10: one closed case as an e-archive package; an open case is refused (409). */
export async function exportCaseToArchive(
  ctx: Ctx,
  by: UserActor | "system",
  caseId: string,
  outFile: string,
): Promise<ArchivePackage> {
  const row = await findCase(ctx.db, ctx.config.tenantId, caseId);
  if (!row) throw new NotFoundError();
  if (row.status !== "closed") {
    throw new ConflictError(
      "only a closed case can be exported to the e-archive",
      ["close"],
      [{ field: "", message: "export.case_not_closed" }],
    );
  }
  return writePackage(ctx, by, [row], row.diary_number, outFile);
}

/**
 * R10: every case of a registry (by id or prefix) closed in a year, in one package. All problems
 * with the choice are reported at once, before anything is written.
 */
export async function exportClosedYear(
  ctx: Ctx,
  by: UserActor | "system",
  input: { registry?: unknown; year?: unknown },
  outFile: string,
): Promise<ArchivePackage> {
  const errors: FieldError[] = [];
  const wanted = typeof input.registry === "string" ? input.registry.trim() : "";
  const registry = (await getRegistries(ctx)).find(
    (r) => r.id === wanted || r.prefix.toLowerCase() === wanted.toLowerCase(),
  );
  if (!wanted) errors.push({ field: "registryId", message: "export.registry_required" });
  else if (!registry) errors.push({ field: "registryId", message: "export.registry_unknown" });
  const yearText = typeof input.year === "string" ? input.year.trim() : String(input.year ?? "");
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  if (year === null) errors.push({ field: "year", message: "export.year_required" });
  if (!registry || year === null) throw new ValidationError(errors);
  const rows = await casesClosedInYear(ctx.db, ctx.config.tenantId, registry.id, year, MAX_PACKAGE_CASES + 1);
  if (rows.length === 0)
    throw new ValidationError([{ field: "year", message: "export.no_closed_cases", params: { year } }]);
  if (rows.length > MAX_PACKAGE_CASES)
    throw new ValidationError([
      { field: "year", message: "export.too_many_cases", params: { max: MAX_PACKAGE_CASES } },
    ]);
  return writePackage(ctx, by, rows, `${registry.prefix} ${year}`, outFile);
}

/** A fresh path for a package being made for a download; the caller removes it when sent. */
export async function tempPackagePath(ctx: Ctx): Promise<string> {
  const dir = path.join(ctx.config.dataDir, "tmp");
  await fs.promises.mkdir(dir, { recursive: true });
  return path.join(dir, `sip-${crypto.randomUUID()}.zip`);
}
