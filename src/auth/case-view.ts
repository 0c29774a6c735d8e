import type { Case } from "../registry/cases.model.ts";
import { publicCase } from "../registry/public/public-view.ts";
import type { Actor } from "./actor.ts";
import { can, type Subject } from "./policy.ts";

/** The subject of the rules that concern a case: its unit and its officer. */
export const caseSubject = (c: Pick<Case, "unitId" | "officerId">): Subject => ({
  unitId: c.unitId,
  officerId: c.officerId,
});

/** Whether the reader sees the case in full (`case.view_full`); a personal link or nobody never does. */
export const seesCaseInFull = (reader: Actor | null, c: Pick<Case, "unitId" | "officerId">): boolean =>
  reader !== null && can(reader, "case.view_full", caseSubject(c));

/** The case's title as the reader may see it: the real one for its insiders, else the public register's. */
export const caseTitleFor = (reader: Actor | null, c: Case): string =>
  seesCaseInFull(reader, c) ? c.title : publicCase(c, []).title;
