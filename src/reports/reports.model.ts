import { z } from "zod";

/** A list field as a form sends it (one value, several, or none) or as the API sends it (an array). */
const list = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().max(100, { error: "report.bad_choice" })).max(50),
);
const text = (max: number) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().max(max)).optional();

/**
 * What an officer writes in a report, as the form and the API send it. Blank proposal rows (one the
 * form added but nobody filled in) are dropped; the rest keep their order, which is their number.
 */
export const reportInputSchema = z.strictObject({
  title: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string({ error: "report.title_required" }).min(1, { error: "report.title_required" }).max(300),
  ),
  addressedTo: text(200),
  proposals: z.preprocess(
    (v) =>
      (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])
        .map((p) => (typeof p === "string" ? p.trim() : p))
        .filter((p) => p !== ""),
    z
      .array(z.string().max(2000, { error: "report.proposal_too_long" }))
      .min(1, { error: "report.proposals_required" })
      .max(30),
  ),
  summary: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string({ error: "report.summary_required" }).min(1, { error: "report.summary_required" }).max(20000),
  ),
  background: text(20000),
  preparation: text(20000),
  views: text(20000),
  attachmentIds: list,
  signatoryIds: list,
  /** A consultation round of the case whose bodies' positions the report takes in; blank for none. */
  consultationId: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().max(100).optional(),
  ),
});
export type ReportInput = z.output<typeof reportInputSchema>;

/** One version of a report: its whole text, attachments and signatories. */
export interface ReportContent {
  title: string;
  addressedTo: string;
  proposals: string[];
  summary: string;
  background: string;
  preparation: string;
  views: string;
  /** Documents of the case, in the order the Bilagor list numbers them. */
  attachmentIds: string[];
  /** Who signs, in the order the signatory block prints them. */
  signatoryIds: string[];
  /** The round whose positions the report takes in, when one is chosen. */
  consultationId?: string;
  /** Those positions as they stood when the version was saved: the report's summary table. */
  positions?: ReportPositions;
}

/** The bodies' positions in a consultation round of the case (issue 19), as the compilation's overview words them. */
export interface ReportPositions {
  title: string;
  rows: { body: string; position: string }[];
}

export const toContent = (d: ReportInput): ReportContent => ({
  title: d.title,
  addressedTo: d.addressedTo ?? "",
  proposals: d.proposals,
  summary: d.summary,
  background: d.background ?? "",
  preparation: d.preparation ?? "",
  views: d.views ?? "",
  attachmentIds: [...new Set(d.attachmentIds)],
  signatoryIds: [...new Set(d.signatoryIds)],
  ...(d.consultationId ? { consultationId: d.consultationId } : {}),
});

/** Whether a save changes anything: an unchanged save makes no new version. */
export const sameContent = (a: ReportContent, b: ReportContent) => JSON.stringify(a) === JSON.stringify(b);

/** Who signed which version, and when. */
export interface Approval {
  userId: string;
  name: string;
  version: number;
  approvedAt: string;
}

/** A report as its pages and the API show it. */
export interface OfficerReport {
  id: string;
  caseId: string;
  officerId: string;
  version: number;
  content: ReportContent;
  /** Approvals of the current version; approvals of earlier versions no longer count. */
  approvals: Approval[];
  status: "draft" | "approved";
  approvedVersion: number | null;
  documentId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The signatories of a version who have not approved it yet. */
export const awaiting = (content: ReportContent, approvals: readonly Approval[]) =>
  content.signatoryIds.filter((id) => !approvals.some((a) => a.userId === id));

/**
 * The heading of the office's views, named after the unit as the city writes it:
 * "Stadsledningskontorets synpunkter" (a name ending in s, x or z takes no further s).
 */
export const genitive = (name: string) => (/[sxz]$/i.test(name) ? name : `${name}s`);

/** Roles that may sign a report: those who work in the office, not the consulted bodies or readers. */
export const SIGNATORY_ROLES: readonly string[] = ["admin", "registrator", "handlaggare", "beslutsfattare"];
