import { maskPersonalNumbers } from "../../platform/text/personal-number.ts";
import type { Case, CaseParty, CaseStatus } from "../cases.model.ts";
import { type Direction, publicView, type RegistryDocument } from "../documents.model.ts";

/**
 * What the public register shows (R9): the public title where a case or document holds secret
 * parts, no drafts, no protected identities, no e-mail addresses, and no personal identity
 * number in any text. Pages, the API and the public search index are all built from these.
 */
export interface PublicCase {
  diaryNumber: string;
  title: string;
  status: CaseStatus;
  unitId: string;
  registryId: string;
  openedOn: string;
  closedOn: string | null;
  parties: string[];
}

export interface PublicDocument {
  id: string;
  direction: Direction;
  date: string;
  description: string;
  party: string | null;
  /** True when parts are secret (the description shown is the public one). */
  secret: boolean;
}

const mask = (text: string | null): string | null => (text === null ? null : maskPersonalNumbers(text));

/** A party as the public may see it, or null for a protected identity. */
export function publicParty(p: CaseParty): string | null {
  if (p.protectedIdentity) return null;
  return maskPersonalNumbers(p.organisation ? `${p.name} (${p.organisation})` : p.name);
}

export function publicCase(c: Case, parties: readonly CaseParty[]): PublicCase {
  return {
    diaryNumber: c.diaryNumber,
    title: maskPersonalNumbers(c.publicTitle ?? c.title),
    status: c.status,
    unitId: c.unitId,
    registryId: c.registryId,
    openedOn: c.openedOn,
    closedOn: c.closedOn,
    parties: parties.map(publicParty).filter((p): p is string => p !== null),
  };
}

export function publicDocument(d: RegistryDocument): PublicDocument | null {
  const shown = publicView(d);
  if (!shown) return null;
  return {
    id: d.id,
    direction: d.direction,
    date: d.date,
    description: maskPersonalNumbers(shown.description),
    party: mask(shown.party),
    secret: d.secrecy !== null,
  };
}
