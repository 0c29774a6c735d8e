import type { Actor } from "../../auth/index.ts";
import type { Ctx } from "../../platform/context.ts";
import { AppError, type FieldError } from "../../platform/errors.ts";
import { fieldErrors } from "../../platform/validation.ts";
import { type SearchPage, searchInputSchema, searchRegister } from "./search.service.ts";

export interface SearchRequest {
  /** The form's answers as given, to show them again. */
  values: Record<string, string>;
  errors: FieldError[];
  /** Null when nothing was asked yet, or the question had errors. */
  page: SearchPage | null;
  /** Link to the next page of the same search, or back to its first. */
  hrefs: { next: string | null; first: string | null };
}

/** A search page's query string, read and run: shared by the staff and the public search pages. */
export async function searchFromQuery(
  ctx: Ctx,
  actor: Actor | null,
  path: string,
  query: unknown,
): Promise<SearchRequest> {
  const values = Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === "string" && e[1].trim() !== "",
    ),
  );
  const none = { next: null, first: null };
  if (Object.keys(values).length === 0) return { values, errors: [], page: null, hrefs: none };
  const parsed = searchInputSchema.safeParse(values);
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error.issues), page: null, hrefs: none };
  try {
    const page = await searchRegister(ctx, actor, parsed.data);
    const href = (cursor: string | undefined) => {
      const { cursor: _old, ...rest } = values;
      return `${path}?${new URLSearchParams(cursor ? { ...rest, cursor } : rest)}`;
    };
    return {
      values,
      errors: [],
      page,
      hrefs: {
        next: page.nextCursor ? href(page.nextCursor) : null,
        first: values.cursor ? href(undefined) : null,
      },
    };
  } catch (error) {
    if (error instanceof AppError && error.status === 422)
      return { values, errors: error.fields, page: null, hrefs: none };
    throw error;
  }
}
