import type { Actor } from "../../auth/index.ts";
import { type Case, publicDocument, type RegistryDocument, seesCaseInFull } from "../../registry/index.ts";

/**
 * A document a round may send as material: registered and without secret parts. A round goes to
 * bodies outside the case (and its material is public once sent), so a secret document is never
 * material (issue 14: no secret file reaches a reader who may not see it).
 */
export const sendableMaterial = (d: { status: string; secrecy: unknown }): boolean =>
  d.status === "registered" && d.secrecy === null;

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
