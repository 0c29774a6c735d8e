import type { Actor } from "../../auth/index.ts";
import type { Ctx } from "../../platform/context.ts";
import { maskPersonalNumbers } from "../../platform/text/personal-number.ts";
import { type Case, getCase, seesCaseInFull } from "../../registry/index.ts";

/**
 * A round's title as a reader may see it (issue 14): the case's insiders see its own title;
 * everyone else — the bodies, their links and mails, other units — what the public register
 * shows: the case's public title where the case holds secret parts (the material likewise, in
 * `material.ts`).
 */
export const publicRoundTitle = (k: { title: string }, c: Pick<Case, "publicTitle">): string =>
  maskPersonalNumbers(c.publicTitle ?? k.title);

/** The case's facts that decide what a reader sees of its rounds. */
export type RoundCase = Pick<Case, "publicTitle" | "unitId" | "officerId">;

export const roundTitleFor = (reader: Actor | null, k: { title: string }, c: RoundCase): string =>
  seesCaseInFull(reader, c) ? k.title : publicRoundTitle(k, c);

/** A round (or anything with its title) with the title the reader may see. */
export const roundFor = <K extends { title: string }>(reader: Actor | null, k: K, c: RoundCase): K => ({
  ...k,
  title: roundTitleFor(reader, k, c),
});

/** A round fetched with its case and shown as the reader may see it. */
export async function roundAsSeen<K extends { title: string; caseId: string }>(
  ctx: Ctx,
  reader: Actor | null,
  k: K,
): Promise<K> {
  return roundFor(reader, k, await getCase(ctx, k.caseId));
}
