import { z } from "zod";
import { blankToUndefined } from "../platform/validation.ts";

/** What external monitoring notes (domain.md §5, direction 2). */
export const WATCH_KINDS = ["event", "trend", "research", "ranking"] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

export interface WatchItem {
  id: string;
  kind: WatchKind;
  title: string;
  summary: string;
  source: string | null;
  observedOn: string;
}

/** The city's rank (1 is best) and/or value in an index in a year. */
export interface Comparison {
  indexName: string;
  year: number;
  rank: number | null;
  value: number | null;
  source: string | null;
}

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
/** A number from a form (text, Swedish decimal comma allowed) or from JSON. */
const optionalNumber = <T extends z.ZodNumber>(n: T) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(",", "."))) : v),
    n.optional(),
  );

export const watchItemSchema = z.strictObject({
  kind: z.enum(WATCH_KINDS, { error: "validation.choice" }),
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().min(1).max(5000),
  source: optionalText(500),
  observedOn: z.iso.date({ error: "validation.date" }),
});

export const comparisonSchema = z
  .strictObject({
    indexName: z.string().trim().min(1).max(200),
    year: z.coerce.number({ error: "validation.type" }).int().min(1900).max(2100),
    rank: optionalNumber(z.number({ error: "validation.type" }).int().min(1).max(100_000)),
    // An index value is a score, a share or an amount: a thousand billion either way is far beyond
    // any, and keeps every value exact (below 2^53) in both databases.
    value: optionalNumber(z.number({ error: "validation.type" }).min(-1e12).max(1e12)),
    source: optionalText(500),
  })
  .refine((c) => c.rank !== undefined || c.value !== undefined, {
    error: "monitoring.rank_or_value",
    path: ["rank"],
  });
