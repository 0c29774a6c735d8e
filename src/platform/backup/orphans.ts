import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../db/database.ts";
import type { BlobStore, StoredBlob } from "../files/blob-store.ts";
import { startRepeatingJob } from "../repeating-job.ts";
import { referencedFiles } from "./stored-files.store.ts";

/**
 * Stored files that nothing references. A file is stored before the transaction that references
 * it commits (bytes are written outside the database); a request that fails or is killed in
 * between leaves its bytes behind. Only files put over an hour ago are touched: a request in
 * flight, or one that stores bytes already there (a put dates the file again), is never raced.
 */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

export interface OrphanReport {
  /** Unreferenced files older than the minimum age. */
  orphans: StoredBlob[];
  /** Half-written temporary files older than the minimum age. */
  leftovers: number;
}

/** The orphans of the store, without removing anything (`kansli verify`). */
export async function findOrphans(db: Db, files: BlobStore, now = new Date()): Promise<StoredBlob[]> {
  const cutoff = new Date(now.getTime() - ORPHAN_MIN_AGE_MS);
  // Read the references first: a file put after this read is younger than the cutoff.
  const referenced = new Set((await referencedFiles(db)).map((r) => r.sha256));
  const orphans: StoredBlob[] = [];
  for await (const blob of files.list())
    if (blob.putAt < cutoff && !referenced.has(blob.sha256)) orphans.push(blob);
  return orphans;
}

/** Removes the orphans and old half-written files (`kansli verify --repair`, the hourly sweep). */
export async function sweepOrphans(db: Db, files: BlobStore, now = new Date()): Promise<OrphanReport> {
  const orphans = await findOrphans(db, files, now);
  for (const blob of orphans) await files.remove(blob.sha256);
  const leftovers = await files.removeLeftovers(new Date(now.getTime() - ORPHAN_MIN_AGE_MS));
  return { orphans, leftovers };
}

/** Sweeps every hour while the server runs (every process may: removing twice is harmless). */
export function startOrphanSweep(ctx: { db: Db; files: BlobStore; log: FastifyBaseLogger }): () => void {
  return startRepeatingJob(ctx.log, {
    name: "orphan sweep",
    everyMs: ORPHAN_MIN_AGE_MS,
    run: async () => {
      const { orphans, leftovers } = await sweepOrphans(ctx.db, ctx.files);
      if (orphans.length > 0 || leftovers > 0)
        ctx.log.info(
          { removed: orphans.map((o) => o.sha256), leftovers },
          "orphan sweep removed unreferenced stored files",
        );
    },
  });
}
