import { type Action, type Actor, can, type Subject } from "../auth/index.ts";
import { ForbiddenError, NotFoundError } from "../platform/errors.ts";
import { maskPersonalNumbers } from "../platform/text/personal-number.ts";
import type { Case, CaseParty } from "./cases.model.ts";
import type { RegistryDocument } from "./documents.model.ts";

/**
 * The one visibility rule of the registry (issue 14): a case's insiders — registry staff, the
 * case's officer and the officers of its unit (`case.view_full`) — see it in full; everyone else
 * sees what the public register shows. Every page, list, download and API answer about a case or
 * its documents asks here.
 */

/** What the policy looks at for a case: its unit and its officer. */
export const caseSubject = (c: { unitId: string; officerId: string | null }): Subject => ({
  unitId: c.unitId,
  officerId: c.officerId,
});

/**
 * True when the actor sees the case in full: real title, secret descriptions, protected parties,
 * drafts. A reader of a personal answer link (null) never does.
 */
export const seesCaseInFull = (
  actor: Actor | null,
  c: { unitId: string; officerId: string | null },
): boolean => actor !== null && can(actor, "case.view_full", caseSubject(c));

/** The case as the reader may see it: for outsiders the public title (with personal numbers masked). */
export function caseAsShown(c: Case, full: boolean): Case {
  if (full) return c;
  const title = maskPersonalNumbers(c.publicTitle ?? c.title);
  return { ...c, title, publicTitle: c.publicTitle === null ? null : title };
}

/** The case's title as the reader may see it: the real one for its insiders, else the public register's. */
export const caseTitleFor = (reader: Actor | null, c: Case): string =>
  caseAsShown(c, seesCaseInFull(reader, c)).title;

/**
 * The parties as the reader may see them: for outsiders a protected identity keeps its place in
 * the list under `protectedLabel` ("[skyddad identitet]") and nothing else, personal numbers are
 * masked and no e-mail address is shown (as in the public register).
 */
export function partiesAsShown(parties: CaseParty[], full: boolean, protectedLabel: string): CaseParty[] {
  if (full) return parties;
  return parties.map((p) =>
    p.protectedIdentity
      ? { id: p.id, name: protectedLabel, organisation: null, email: null, protectedIdentity: true }
      : {
          ...p,
          name: maskPersonalNumbers(p.name),
          organisation: p.organisation === null ? null : maskPersonalNumbers(p.organisation),
          email: null,
        },
  );
}

/** A document's secret parts (description, party, file contents, secrecy ground) are withheld from this reader. */
export const documentRestricted = (d: RegistryDocument, full: boolean): boolean =>
  !full && (d.secrecy !== null || d.status === "draft");

/** The documents an outsider may know of: registered ones only (a draft is not a public record, R4). */
export const documentsAsListed = (documents: RegistryDocument[], full: boolean): RegistryDocument[] =>
  full ? documents : documents.filter((d) => d.status === "registered");

/** A document's description and party as the reader may see them (outsiders: as the public register). */
export function documentText(
  d: RegistryDocument,
  full: boolean,
): { description: string; party: string | null } {
  if (full) return { description: d.description, party: d.party };
  const description = d.secrecy ? (d.publicDescription ?? "") : d.description;
  const party = d.secrecy ? d.publicParty : d.party;
  return {
    description: maskPersonalNumbers(description),
    party: party === null ? null : maskPersonalNumbers(party),
  };
}

/**
 * Refuses a write to a case (or a document of it) that the policy does not allow: 404 when the
 * actor may not even know the record (a draft outsiders cannot see), else 403. Routes call it
 * after loading the case, so an unknown id answers 404 to everyone signed in.
 */
export function requireCaseWrite(
  actor: Actor,
  action: Action,
  c: { unitId: string; officerId: string | null },
  document?: RegistryDocument,
): void {
  if (can(actor, action, caseSubject(c))) return;
  if (document && document.status === "draft" && !seesCaseInFull(actor, c)) throw new NotFoundError();
  throw new ForbiddenError();
}
