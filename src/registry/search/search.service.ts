import { z } from "zod";
import { type Actor, can } from "../../auth/index.ts";
import type { Ctx } from "../../platform/context.ts";
import { ValidationError } from "../../platform/errors.ts";
import { cursorKey, pageOf } from "../../platform/http/cursor.ts";
import { queryTerms } from "../../platform/search/normalise.ts";
import { type SnippetPart, snippet } from "../../platform/search/snippet.ts";
import { maskPersonalNumbers } from "../../platform/text/personal-number.ts";
import { CASE_STATUSES, type CaseStatus } from "../cases.model.ts";
import { DIRECTIONS } from "../documents.model.ts";
import { isDocumentPart, partTexts } from "./search-parts.ts";
import {
  runSearch,
  type SearchFilter,
  type SearchHit,
  type SearchOrder,
  type Visibility,
} from "./search-query.ts";

const optionalDate = z.iso.date({ error: "validation.date" }).optional();

/** What a search asks: the words and the filters, as forms and the API send them. */
export const searchInputSchema = z.object({
  q: z.string().trim().min(1, { error: "search.query_required" }).max(200),
  registryId: z.string().max(100).optional(),
  unitId: z.string().max(100).optional(),
  classId: z.string().max(100).optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  direction: z.enum(DIRECTIONS).optional(),
  from: optionalDate,
  to: optionalDate,
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchInput = z.output<typeof searchInputSchema>;

const cursorSchema = z.object({ order: z.enum(["relevance", "newest"]), score: z.number(), key: z.number() });

export interface SearchResult {
  caseId: string;
  diaryNumber: string;
  title: string;
  status: CaseStatus;
  unitId: string;
  openedOn: string;
  snippet: SnippetPart[];
}

export interface SearchPage {
  items: SearchResult[];
  nextCursor: string | null;
  order: SearchOrder;
}

/**
 * What a reader's search may read, by the visibility rule (case.view_full): registry staff the
 * full text of every case; an officer the full text of the cases they are insiders of (their own
 * and their unit's) and the public text of the others; everyone else, and the public, only what
 * the public register shows.
 */
function visibilityFor(actor: Actor | null): Visibility {
  if (actor?.kind !== "user") return "public";
  // The search applies in SQL the rule the policy applies to one case (`insiders` in search-query.ts).
  const own = { officerId: actor.id, unitId: actor.unitId };
  if (can(actor, "case.view_full")) return "full";
  return can(actor, "case.view_full", own) ? own : "public";
}

/**
 * Searches the register with the reader's visibility, so a hit can never reveal a secret title,
 * a draft or a personal identity number of a case the reader may not see in full.
 */
export async function searchRegister(ctx: Ctx, actor: Actor | null, input: SearchInput): Promise<SearchPage> {
  const visibility = visibilityFor(actor);
  const after = cursorKey(input.cursor, cursorSchema);
  if (input.from && input.to && input.from > input.to)
    throw new ValidationError([{ field: "to", message: "search.to_before_from" }]);
  const terms = queryTerms(input.q);
  const filter: SearchFilter = input;
  const { hits, order } = await runSearch(ctx.db, ctx.dialect, {
    tenantId: ctx.config.tenantId,
    visibility,
    terms,
    query: input.q,
    filter,
    after,
    limit: input.limit,
  });
  const { items: page, nextCursor } = pageOf(hits, input.limit, (h) => ({
    order,
    score: h.score,
    key: h.key,
  }));
  // File text is for a case's insiders only (public rows have no parts); said again here so no snippet can leak it.
  const parts = page
    .filter((h) => h.full)
    .map((h) => h.part)
    .filter(isDocumentPart);
  const fileTexts = await partTexts(ctx.db, parts);
  return {
    items: page.map((h) => toResult(h, terms, fileTexts.get(h.part))),
    nextCursor,
    order,
  };
}

/** A hit with its snippet: from the file text of the part that matched, else from the case's own text. */
function toResult(h: SearchHit, terms: string[], fileText: string | undefined): SearchResult {
  const title = h.full ? h.caseTitle : maskPersonalNumbers(h.casePublicTitle ?? h.caseTitle);
  const excerpt =
    [fileText ?? "", h.body, h.parties].map((text) => snippet(text, terms)).find((s) => s.length > 0) ?? [];
  return {
    caseId: h.caseId,
    diaryNumber: h.diaryNumber,
    title,
    status: h.status,
    unitId: h.unitId,
    openedOn: h.openedOn,
    snippet: excerpt,
  };
}
