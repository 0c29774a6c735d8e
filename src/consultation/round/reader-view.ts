import type { Actor, UserActor } from "../../auth/actor.ts";
import { can } from "../../auth/policy.ts";
import type { Ctx } from "../../platform/context.ts";
import { ForbiddenError } from "../../platform/errors.ts";
import { maskPersonalNumbers } from "../../platform/text/personal-number.ts";
import { caseSubject, seesCaseInFull } from "../../registry/case-visibility.ts";
import type { Case } from "../../registry/cases.model.ts";
import { getCase } from "../../registry/cases.service.ts";
import type { RegistryDocument } from "../../registry/documents.model.ts";
import { publicDocument } from "../../registry/public/public-view.ts";

/**
 * A round as a reader may see it (issue 14): the case's insiders see its own title and the
 * material's real descriptions; everyone else — the bodies, their links and mails, other units —
 * what the public register shows: the case's public title where the case holds secret parts,
 * and the public description of a secret document.
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

/** One document of a round's material as a list shows it. */
export interface MaterialItem {
  id: string;
  date: string;
  description: string;
}

/** The round's material as the reader may see it: public descriptions for anyone but the case's insiders. */
export function materialFor(
  reader: Actor | null,
  c: Case,
  documents: readonly RegistryDocument[],
): MaterialItem[] {
  if (seesCaseInFull(reader, c))
    return documents.map((d) => ({ id: d.id, date: d.date, description: d.description }));
  return documents.flatMap((d) => {
    const shown = publicDocument(d);
    return shown ? [{ id: d.id, date: d.date, description: shown.description }] : [];
  });
}

/**
 * Refuses (403) a user who may not run the rounds of this case: its insiders only. Everyone may
 * read a round, so a refusal says so rather than hiding it.
 */
export function requireRoundManagerOf(by: UserActor, c: Case): void {
  if (!can(by, "consultation.manage", caseSubject(c))) throw new ForbiddenError();
}

/** `requireRoundManagerOf` for a case by its id; returns the case. */
export async function requireRoundManager(ctx: Ctx, by: UserActor, caseId: string): Promise<Case> {
  const c = await getCase(ctx, caseId);
  requireRoundManagerOf(by, c);
  return c;
}
